"""Demo roles and accounts; every demo password is gonghui-demo."""

from gonghui.core.demodata import DEMO_PASSWORD

from .models import User
from .roles import ensure_roles

# The demo's personas: username, display name, organisation, department, role, person.
ACCOUNTS = [
    ("henan", "省总创建办", "河南省总工会", "省总文明办", "campaign_admin", "王建华"),
    ("zhengzhou", "郑州市总工会管理员", "郑州市总工会", None, "campaign_admin", "张建华"),
    ("liaison", "基层工作部联络员", "河南省总工会", "基层工作部", "liaison", "李晓燕"),
    ("leader", "寇武江", "河南省总工会", "办公室", "leader", "寇武江"),
    ("helper", "帮扶专员", "河南省总工会", None, "assistance_officer", None),
]


def _user(ctx, username, *, display_name, org=None, dept=None, role=None, person=None, **extra):
    """`org` is an organisation's name, or the organisation itself."""
    user = User(
        username=username,
        display_name=display_name,
        organization=ctx.org(org) if isinstance(org, str) else org,
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
    for username, display_name, org, dept, role, person in ACCOUNTS:
        _user(
            ctx,
            username,
            display_name=display_name,
            org=org,
            dept=dept,
            role=roles[role],
            person=person,
        )
    outsider_org = next(
        o for o in ctx.grassroots if o.path.startswith(ctx.org("娄底市总工会").path)
    )
    _user(
        ctx,
        "outsider",
        display_name="基层工会管理员",
        org=outsider_org,
        role=roles["grassroots_admin"],
    )
