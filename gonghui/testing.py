"""Factories and a small federation tree with personas, shared by every app's tests."""

import itertools
from dataclasses import dataclass

from gonghui.accounts.models import User
from gonghui.accounts.roles import ensure_roles
from gonghui.core.idcard import make_id_number
from gonghui.organizations.models import Department, Organization
from gonghui.organizations.paths import child_path, depth_of

_seq = itertools.count(1)


def make_org(name: str, *, parent: Organization | None = None, kind=None, **extra) -> Organization:
    kind = kind or (Organization.Kind.GRASSROOTS if parent else Organization.Kind.NATIONAL)
    org = Organization(name=name, parent=parent, kind=kind, path=f"tmp-{next(_seq)}", **extra)
    org.save()
    org.path = child_path(parent.path if parent else "", org.pk)
    org.depth = depth_of(org.path)
    org.save(update_fields=["path", "depth"])
    if parent is not None:
        Organization.objects.filter(pk=parent.pk).update(num_children=parent.children.count())
    return org


def make_department(org: Organization, name: str) -> Department:
    return Department.objects.create(organization=org, name=name)


def valid_id_number(n: int | None = None, *, region: str = "410102") -> str:
    import datetime as dt

    n = n if n is not None else next(_seq)
    return make_id_number(region, dt.date(1980, 1, 1) + dt.timedelta(days=n % 9000), n)


def make_person(org: Organization, name: str = "张建华", **extra):
    from gonghui.people.models import Person
    from gonghui.people.services import _derive

    person = Person(
        organization=org,
        name=name,
        id_number=extra.pop("id_number", None) or valid_id_number(),
        phone=extra.pop("phone", "13800001234"),
        **extra,
    )
    _derive(person)
    person.save()
    return person


def make_user(username: str, *, org=None, role=None, department=None, **extra) -> User:
    user = User.objects.create_user(
        username=username,
        password="pw-gonghui-123",
        organization=org,
        role=role,
        department=department,
        **extra,
    )
    return user


@dataclass
class Federation:
    """中华全国总工会 → 河南省总工会 (+部室) → 郑州市总工会 → 金水区总工会 → 基层工会; and 娄底."""

    national: Organization
    henan: Organization
    zhengzhou: Organization
    jinshui: Organization
    grassroots: Organization
    loudi: Organization
    loudi_grassroots: Organization
    basic_work_dept: Department
    publicity_dept: Department
    roles: dict
    sysadmin: User
    province_admin: User
    city_admin: User
    liaison: User
    leader: User
    grassroots_admin: User
    outsider: User
    officer: User


def build_federation() -> Federation:
    K = Organization.Kind
    roles = ensure_roles()
    national = make_org("中华全国总工会", kind=K.NATIONAL)
    henan = make_org("河南省总工会", parent=national, kind=K.PROVINCIAL, region_code="410000")
    zhengzhou = make_org("郑州市总工会", parent=henan, kind=K.CITY, region_code="410100")
    jinshui = make_org("郑州市金水区总工会", parent=zhengzhou, kind=K.COUNTY)
    grassroots = make_org("郑州宏达机械有限公司工会", parent=jinshui)
    hunan = make_org("湖南省总工会", parent=national, kind=K.PROVINCIAL)
    loudi = make_org("娄底市总工会", parent=hunan, kind=K.CITY)
    loudi_grassroots = make_org("娄底恒通电力有限公司工会", parent=loudi)
    basic = make_department(henan, "基层工作部")
    publicity = make_department(henan, "宣传教育部")
    return Federation(
        national=national,
        henan=henan,
        zhengzhou=zhengzhou,
        jinshui=jinshui,
        grassroots=grassroots,
        loudi=loudi,
        loudi_grassroots=loudi_grassroots,
        basic_work_dept=basic,
        publicity_dept=publicity,
        roles=roles,
        sysadmin=make_user("sysadmin", is_superuser=True, is_staff=True),
        province_admin=make_user("province_admin", org=henan, role=roles["campaign_admin"]),
        city_admin=make_user("city_admin", org=zhengzhou, role=roles["campaign_admin"]),
        liaison=make_user("liaison", org=henan, role=roles["liaison"], department=basic),
        leader=make_user("leader", org=henan, role=roles["leader"]),
        grassroots_admin=make_user(
            "grassroots_admin", org=grassroots, role=roles["grassroots_admin"]
        ),
        outsider=make_user("outsider", org=loudi_grassroots, role=roles["grassroots_admin"]),
        officer=make_user("officer", org=henan, role=roles["assistance_officer"]),
    )
