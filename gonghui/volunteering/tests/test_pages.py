"""Volunteering pages and API: outsiders see nothing, certificate, public sign-up (query counts
are in test_query_counts)."""

import io

import pytest
from django.utils import timezone
from docx import Document

from gonghui.volunteering import selectors, services

LISTS = [
    "/volunteering/teams/",
    "/volunteering/volunteers/",
    "/volunteering/events/",
    "/volunteering/hours/",
    "/volunteering/pairings/",
    "/volunteering/visits/",
    "/volunteering/problems/",
]
API_LISTS = [
    "/api/v1/volunteering/teams",
    "/api/v1/volunteering/volunteers",
    "/api/v1/volunteering/events",
    "/api/v1/volunteering/hours",
    "/api/v1/volunteering/pairings",
    "/api/v1/volunteering/visits",
    "/api/v1/volunteering/problems",
]


@pytest.fixture
def filled(fed, world):
    admin = fed.city_admin
    day = timezone.localdate()
    for volunteer in world.volunteers:
        record = services.record_hours(
            by=admin, volunteer=volunteer, team=world.team, hours="2", service_date=day
        )
        services.approve_hours(by=world.leader, record=record)
    pairing = services.create_pairing(
        by=admin,
        organization=fed.zhengzhou,
        kind="liaison",
        community="树仁社区",
        since_date=day,
        num_cadres=2,
    )
    for i in range(3):
        visit = services.create_visit(
            by=admin,
            organization=fed.zhengzhou,
            kind="knock",
            visit_date=day,
            community="",
            pairing=pairing,
            team=world.team,
            num_participants=8,
        )
        services.collect_problem(
            by=admin, organization=fed.zhengzhou, title=f"难题{i}", collected_date=day, visit=visit
        )
    return world


@pytest.mark.parametrize("url", ["/volunteering/", *LISTS])
def test_outsider_sees_nothing_in_pages(fed, filled, client_for, url):
    html = client_for(fed.outsider).get(url).content.decode()
    for word in ["工心向党", "王志强", "清理小广告", "树仁社区", "难题0"]:
        assert word not in html


@pytest.mark.parametrize("url", API_LISTS)
def test_outsider_sees_nothing_in_api(fed, filled, client_for, url):
    assert client_for(fed.outsider).get(url).json()["count"] == 0
    assert client_for(fed.province_admin).get(url).json()["count"] > 0


def test_outsider_sees_nothing_in_selectors(fed, filled):
    user = fed.outsider
    for qs in [
        selectors.teams_for_user(user),
        selectors.volunteers_for_user(user),
        selectors.events_for_user(user),
        selectors.hours_for_user(user),
        selectors.pairings_for_user(user),
        selectors.visits_for_user(user),
        selectors.problems_for_user(user),
    ]:
        assert not qs.exists()
    assert selectors.problem_counts(user)["collected"] == 0
    assert selectors.hours_totals(user)["by_team"] == []


def test_outsider_gets_404_on_details(fed, filled, client_for):
    client = client_for(fed.outsider)
    v = filled.volunteers[0]
    for url in [
        f"/volunteering/teams/{filled.team.pk}/",
        f"/volunteering/volunteers/{v.pk}/",
        f"/volunteering/volunteers/{v.pk}/certificate/",
        f"/volunteering/events/{filled.event.pk}/",
    ]:
        assert client.get(url).status_code == 404


def test_certificate_docx(fed, filled, client_for):
    v = filled.volunteers[0]
    response = client_for(fed.province_admin).get(f"/volunteering/volunteers/{v.pk}/certificate/")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "志愿服务时长证明" in text
    assert "王志强" in text and "2.0 小时" in text


def test_leader_approves_from_queue_page(fed, world, client_for):
    record = services.record_hours(
        by=fed.city_admin,
        volunteer=world.volunteers[0],
        team=world.team,
        hours="1",
        service_date=timezone.localdate(),
    )
    html = client_for(world.leader).get("/volunteering/hours/").content.decode()
    assert "待我审核" in html
    client_for(fed.city_admin).post(f"/volunteering/hours/{record.pk}/approve/")
    record.refresh_from_db()
    assert record.status == "submitted"
    client_for(world.leader).post(f"/volunteering/hours/{record.pk}/approve/")
    record.refresh_from_db()
    assert record.status == "approved"


def test_problem_page_assign_and_solve(fed, filled, client_for):
    problem = selectors.problems_for_user(fed.city_admin).first()
    client = client_for(fed.city_admin)
    client.post(f"/volunteering/problems/{problem.pk}/", {"assign": "1", "assignee": "社区居委会"})
    client.post(
        f"/volunteering/problems/{problem.pk}/",
        {"solve": "1", "result": "已修复", "solved_date": timezone.localdate().isoformat()},
    )
    problem.refresh_from_db()
    assert problem.status == "solved"


def test_public_page_and_api_sign_up(fed, world, client):
    assert "红色星期六" in client.get("/volunteering/public/").content.decode()
    events = client.get("/api/v1/volunteering/public/events").json()
    assert events[0]["title"] == "红色星期六 清理小广告"
    v = world.volunteers[0]
    bad = client.post(
        f"/api/v1/volunteering/public/events/{world.event.pk}/signups",
        {"code": v.code, "phone": "1"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "不正确" in bad.json()["detail"]
    ok = client.post(
        f"/api/v1/volunteering/public/events/{world.event.pk}/signups",
        {"code": v.code, "phone": v.person.phone},
        content_type="application/json",
    )
    assert ok.status_code == 201
    client.post(
        f"/volunteering/public/{world.event.pk}/signup/",
        {"code": world.volunteers[1].code, "phone": world.volunteers[1].person.phone},
    )
    assert world.event.signups.count() == 2
