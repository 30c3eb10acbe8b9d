"""Demo roles and accounts; every demo password is gonghui-demo."""

from gonghui.core.demodata import DEMO_PASSWORD

from .models import User
from .roles import ensure_roles


def _user(ctx, username, *, display_name, org=None, dept=None, role=None, person=None, **extra):
    user = User(
        username=username,
        display_name=display_name,
        organization=ctx.org(org) if org else None,
        department=ctx.dept(org, dept) if dept else None,
        role=role,
        person=ctx.people.get(person) if person else None,
        **extra,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    ctx.users[username] = user
    return user


def load(ctx) -> None:
    roles = ensure_roles()
    _user(ctx, "admin", display_name="系统管理员", is_superuser=True, is_staff=True)
    _user(
        ctx,
        "henan",
        display_name="省总创建办",
        org="河南省总工会",
        dept="省总文明办",
        role=roles["campaign_admin"],
        person="王建华",
    )
    _user(
        ctx,
        "zhengzhou",
        display_name="郑州市总工会管理员",
        org="郑州市总工会",
        role=roles["campaign_admin"],
        person="张建华",
    )
    _user(
        ctx,
        "liaison",
        display_name="基层工作部联络员",
        org="河南省总工会",
        dept="基层工作部",
        role=roles["liaison"],
        person="李晓燕",
    )
    _user(
        ctx,
        "leader",
        display_name="寇武江",
        org="河南省总工会",
        dept="办公室",
        role=roles["leader"],
        person="寇武江",
    )
    _user(
        ctx,
        "helper",
        display_name="帮扶专员",
        org="河南省总工会",
        role=roles["assistance_officer"],
    )
    outsider_org = next(
        o for o in ctx.grassroots if o.path.startswith(ctx.org("娄底市总工会").path)
    )
    user = User(
        username="outsider",
        display_name="基层工会管理员",
        organization=outsider_org,
        role=roles["grassroots_admin"],
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    ctx.users["outsider"] = user
