"""Factories and a small federation tree with personas, shared by every app's tests."""

import datetime as dt
import io
import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass
from importlib import import_module

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gonghui.accounts.models import User
from gonghui.accounts.roles import ensure_roles
from gonghui.core.exceptions import InvalidTransition
from gonghui.core.idcard import make_id_number
from gonghui.core.registry import gonghui_apps
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
    n = n if n is not None else next(_seq)
    return make_id_number(region, dt.date(1980, 1, 1) + dt.timedelta(days=n % 9000), n)


def make_person(org: Organization, name: str = "张建华", **extra):
    # Deferred: people imports organisations' test helpers indirectly, a cycle at import time.
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


# --- Query counts -------------------------------------------------------------------------


def assert_constant_queries(client, url, make_rows, *, params=None, n=2, status=200, most=None):
    """Fail unless `url` costs exactly as many queries with 2n listed rows as with n.

    `make_rows(indices)` creates one more listed row per index (a range, so names stay unique)
    and returns texts identifying them; the page must show each, so the comparison is never
    between two pages that list nothing. A page that queries per row (N+1) fails here whatever
    its total, which a fixed maximum cannot tell; `most` bounds the total as well. Returns the
    response with 2n rows.
    """

    def visit(indices):
        shown = make_rows(indices)
        assert shown, "make_rows must return the texts that identify the rows it made"
        client.get(url, params)  # warm per-process caches (content types, sessions)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == status, (url, response.status_code)
        text = _response_text(response)
        missing = [marker for marker in shown if marker not in text]
        assert not missing, f"{url} does not show the rows it should list: {missing}"
        return response, [q["sql"] for q in queries.captured_queries]

    _, few = visit(range(n))
    response, many = visit(range(n, 2 * n))
    assert len(many) == len(few), _query_growth(url, n, few, many)
    if most is not None:
        assert len(many) <= most, f"{url}: {len(many)} queries, more than {most}"
    return response


def assert_constant_calls(call, make_rows, *, n=2):
    """The same rule for a selector or function: as many queries after 2n rows as after n.

    `make_rows(indices)` creates rows as above; `call()` must return something sized by them
    (a list, a dict), which has to grow, so the comparison cannot be between two empty results.
    Returns the list of query counts [with n, with 2n]."""

    def measure(indices):
        make_rows(indices)
        with CaptureQueriesContext(connection) as queries:
            result = call()
        return result, [q["sql"] for q in queries.captured_queries]

    small, few = measure(range(n))
    large, many = measure(range(n, 2 * n))
    assert len(large) > len(small), "the rows made must change the result"
    assert len(many) == len(few), _query_growth(getattr(call, "__name__", "call"), n, few, many)
    return [len(few), len(many)]


def _response_text(response) -> str:
    kind = response.get("Content-Type", "")
    if kind.startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    if kind.startswith("application/vnd.openxmlformats-officedocument.spreadsheetml"):
        book = load_workbook(io.BytesIO(b"".join(response)), read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return response.content.decode()


def _query_growth(what, n, few, many) -> str:
    """Names the queries the extra rows added, which are the per-row ones to fix."""

    def shape(sql):
        return re.sub(r"\b\d+\b", "?", sql)

    extra = Counter(map(shape, many)) - Counter(map(shape, few))
    lines = "\n".join(f"  {count}× {sql[:300]}" for sql, count in extra.most_common(5))
    return f"{what}: {len(few)} queries with {n} rows, {len(many)} with {2 * n}\n{lines}"


# --- Workflows ----------------------------------------------------------------------------

HAN = re.compile(r"[\u4e00-\u9fff]")


def assert_verb(run, obj, *, source: str, target: str | None, field: str = "status"):
    """Run one verb's service on `obj`, which the caller put in `source`.

    With a `target` the verb must succeed and leave the object there; without one it must be
    refused with the domain's InvalidTransition, carrying a message in Chinese for the user,
    and leave the object in `source`. The expectation comes from the test's own table, never
    from the production one, so a wrong entry in either is caught."""
    if target is not None:
        run()
        obj.refresh_from_db()
        assert getattr(obj, field) == target, f"{source} → {getattr(obj, field)}, not {target}"
        return
    try:
        run()
    except InvalidTransition as refused:
        assert HAN.search(refused.message), f"refusal without a Chinese message: {refused!r}"
    else:
        raise AssertionError(f"the verb was allowed from {source}")
    obj.refresh_from_db()
    assert getattr(obj, field) == source


def app_test_modules(name: str) -> list:
    """`gonghui.<app>.tests.<name>` of each installed app that has one, imported: how an app
    adds its own cases to a project-wide test (the IDOR matrix, stale edits)."""
    found = []
    for config in gonghui_apps():
        try:
            found.append(import_module(f"{config.name}.tests.{name}"))
        except ModuleNotFoundError as missing:
            if missing.name not in (f"{config.name}.tests", f"{config.name}.tests.{name}"):
                raise
    return found


S3_KEY, S3_SECRET, S3_REGION = "gonghui-test", "gonghui-test-secret", "cn-north-1"


def moto_s3_server():
    """A started S3-compatible server on loopback (moto's server mode): (server, endpoint URL).
    The caller stops it."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


def use_s3_bucket(settings, tmp_path, endpoint: str):
    """A fresh private bucket on `endpoint` made the default storage (the local MEDIA_ROOT is
    `tmp_path`, which must stay empty); returns (boto3 client, bucket name)."""
    import uuid

    import boto3

    name = f"gonghui-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_SECRET,
        region_name=S3_REGION,
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": S3_REGION})
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": endpoint,
                "region_name": S3_REGION,
                "access_key": S3_KEY,
                "secret_key": S3_SECRET,
                "addressing_style": "path",
                "signature_version": "s3v4",
                "default_acl": None,
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
            },
        },
    }
    settings.GONGHUI_S3_URL_SECONDS = 60
    settings.GONGHUI_S3_SIGNED_DOWNLOADS = False
    return client, name
