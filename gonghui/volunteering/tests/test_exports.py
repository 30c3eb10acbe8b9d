"""Excel on every volunteering list: each export holds the list's rows in the user's scope, with
phones masked unless the person asks for them and may see them."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.exports.testing import export_of, sheet_rows, sheet_text
from gonghui.volunteering import services

LISTS = ["teams", "volunteers", "events", "hours", "pairings", "visits", "problems"]


@pytest.fixture
def records(fed, world):
    """One row of every list in 郑州, each with a text that names it."""
    admin = fed.city_admin
    services.record_hours(
        by=admin,
        volunteer=world.volunteers[0],
        team=world.team,
        hours=2,
        service_date=timezone.localdate() - dt.timedelta(days=1),
        note="郑州清扫楼道",
    )
    pairing = services.create_pairing(
        by=admin,
        organization=fed.zhengzhou,
        kind="liaison",
        community="郑州花园社区",
        since_date=dt.date(2024, 1, 1),
    )
    visit = services.create_visit(
        by=admin,
        organization=fed.zhengzhou,
        kind="knock",
        visit_date=timezone.localdate(),
        community="郑州花园社区",
        pairing=pairing,
    )
    services.collect_problem(
        by=admin,
        organization=fed.zhengzhou,
        title="郑州楼道灯不亮",
        collected_date=timezone.localdate(),
        visit=visit,
    )
    return {
        "teams": world.team.name,
        "volunteers": "王志强",
        "events": "红色星期六 清理小广告",
        "hours": "郑州清扫楼道",
        "pairings": "郑州花园社区",
        "visits": "郑州花园社区",
        "problems": "郑州楼道灯不亮",
    }


@pytest.mark.parametrize("name", LISTS)
def test_each_list_page_links_its_export_with_its_filters(fed, world, client_for, name):
    html = client_for(fed.city_admin).get(f"/volunteering/{name}/?status=x&page=2").content
    assert f'href="/volunteering/{name}/export/?status=x"' in html.decode()


@pytest.mark.parametrize("name", LISTS)
def test_export_holds_the_rows_in_scope_and_none_outside(fed, records, client_for, name):
    mine = sheet_text(export_of(client_for(fed.city_admin), f"/volunteering/{name}/export/"))
    assert records[name] in mine
    rows = sheet_rows(export_of(client_for(fed.outsider), f"/volunteering/{name}/export/"))
    assert len(rows) == 1, "an outsider's export holds the header only"
    assert AuditEntry.objects.filter(
        action="export", actor=fed.outsider, details__list=f"volunteering.{name}"
    ).exists()


def test_export_keeps_the_list_filter(fed, records, client_for):
    client = client_for(fed.city_admin)
    assert "王志强" in sheet_text(export_of(client, "/volunteering/volunteers/export/", q="王"))
    assert "王志强" not in sheet_text(export_of(client, "/volunteering/volunteers/export/", q="李"))
    assert len(sheet_rows(export_of(client, "/volunteering/events/export/", status="done"))) == 1


def test_volunteer_phones_are_masked_without_the_permission(fed, records, client_for):
    text = sheet_text(export_of(client_for(fed.province_admin), "/volunteering/volunteers/export/"))
    assert "13900000000" not in text and "0000" in text
    client = client_for(fed.province_admin)
    assert client.get("/volunteering/volunteers/export/?unmasked=1").status_code == 403


def test_volunteer_phones_in_full_are_audited(fed, records, client_for):
    response = client_for(fed.officer).get("/volunteering/volunteers/export/?unmasked=1")
    assert "13900000000" in sheet_text(response)
    entry = AuditEntry.objects.get(action="export_sensitive", actor=fed.officer)
    assert entry.summary == "导出志愿者（含手机号）"
