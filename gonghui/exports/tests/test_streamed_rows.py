"""The people and activity exports read their rows as values in one streamed query: the same
cells the list's records give, labels and masks included, with a fixed number of queries."""

import datetime as dt
from decimal import Decimal

from django.http import QueryDict

from gonghui.activities import exports as activity_exports
from gonghui.activities.tests.factories import make_activity
from gonghui.core.privacy import mask_id_number, mask_phone
from gonghui.organizations.models import Post
from gonghui.people import exports as people_exports
from gonghui.people.models import Person
from gonghui.testing import make_department, make_person


def test_people_rows_hold_labels_masks_and_related_names(fed, django_assert_num_queries):
    department = make_department(fed.grassroots, "办公室")
    post = Post.objects.create(name="联络员岗")
    full = make_person(
        fed.grassroots,
        name="张建华",
        gender="F",
        phone="13812345678",
        department=department,
        post=post,
        model_worker_level=Person.ModelWorkerLevel.CITY,
        is_volunteer=True,
        is_liaison=True,
    )
    bare = make_person(fed.grassroots, name="李明", phone="")
    items = people_exports.PEOPLE.queryset(fed.province_admin, QueryDict())
    with django_assert_num_queries(1):
        rows = list(people_exports.PEOPLE.rows_of(items, unmasked=False))
    by_name = {row[0]: row for row in rows}
    assert by_name["张建华"] == [
        "张建华",
        "女",
        mask_id_number(full.id_number),
        mask_phone("13812345678"),
        fed.grassroots.name,
        "办公室",
        "联络员岗",
        "、".join(full.tags),
    ]
    assert by_name["张建华"][7] == "市厅级劳模、志愿者、联络员"
    assert by_name["李明"][3:8] == ["", fed.grassroots.name, "", "", ""]
    unmasked = {r[0]: r for r in people_exports.PEOPLE.rows_of(items, unmasked=True)}
    assert unmasked["张建华"][2:4] == [full.id_number, "13812345678"]
    assert unmasked["李明"][2] == bare.id_number


def test_activity_rows_follow_the_import_template(fed, django_assert_num_queries):
    make_activity(
        fed.province_admin,
        organization=fed.grassroots,
        title="读书会",
        start=dt.date(2020, 5, 10),
        place="职工书屋",
        participants=30,
        money_fen=123456,
        description="=不是公式",
    )
    items = activity_exports.ACTIVITIES.queryset(fed.province_admin, QueryDict())
    with django_assert_num_queries(1):
        rows = list(activity_exports.ACTIVITIES.rows_of(items, unmasked=False))
    (row,) = rows
    assert len(row) == len(activity_exports.ACTIVITIES.header_row)
    assert row[0] == "读书会" and row[2] == fed.grassroots.name and row[3] == ""
    assert row[4] == dt.date(2020, 5, 10) and row[5] is None and row[6] == "职工书屋"
    assert row[7] == 30 and row[10] == Decimal("1234.56") and row[15] == "=不是公式"
