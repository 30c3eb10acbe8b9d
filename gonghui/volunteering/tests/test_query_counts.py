"""Every volunteering list, its overview, the public events page and the API lists cost as many
queries with 2n rows as with n; each row sits in a unit of its own, so per-row lookups of the
organisation, team, leader or volunteer would show."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.testing import assert_constant_queries, make_org, make_person, make_user
from gonghui.volunteering import services


def unit(fed, i):
    return make_org(f"郑州第{i}机械厂工会", parent=fed.jinshui)


def volunteer_in_team(fed, team, i):
    person = make_person(
        unit(fed, i), name=f"志愿者{'甲乙丙丁戊己庚辛'[i]}", phone=f"1391111000{i}"
    )
    volunteer = services.register_volunteer(by=fed.city_admin, person=person)
    services.add_member(by=fed.city_admin, team=team, volunteer=volunteer)
    return volunteer


def makers(fed, world):
    admin, today = fed.city_admin, timezone.localdate()

    def teams(indices):
        shown = []
        for i in indices:
            leader = make_user(f"leader{i}", org=fed.zhengzhou, role=fed.roles["grassroots_admin"])
            team = services.create_team(
                by=admin,
                organization=unit(fed, i),
                name=f"第{i}志愿服务队",
                kind="party",
                leader=leader,
            )
            volunteer = volunteer_in_team(fed, team, i)
            record = services.record_hours(
                by=admin, volunteer=volunteer, team=team, hours="2", service_date=today
            )
            services.approve_hours(by=leader, record=record)
            shown.append(team.name)
        return shown

    def volunteers(indices):
        return [volunteer_in_team(fed, world.team, i).code for i in indices]

    def events(indices):
        shown = []
        for i in indices:
            start = timezone.now() + dt.timedelta(days=2 + i)
            event = services.create_event(
                by=admin,
                organization=unit(fed, i),
                title=f"第{i}次红色星期六",
                start_at=start,
                end_at=start + dt.timedelta(hours=2),
                capacity=5,
                is_public=True,
            )
            shown.append(event.title)
        return shown

    def hours(indices):
        shown = []
        for i in indices:
            volunteer = volunteer_in_team(fed, world.team, i)
            record = services.record_hours(
                by=admin,
                volunteer=volunteer,
                team=world.team,
                hours="2",
                service_date=today,
                note=f"第{i}次敬老服务",
            )
            shown.append(record.note)
        return shown

    def pairings(indices):
        shown = []
        for i in indices:
            pairing = services.create_pairing(
                by=admin,
                organization=unit(fed, i),
                kind="liaison",
                community=f"第{i}社区",
                since_date=today,
                num_cadres=2,
            )
            shown.append(pairing.community)
        return shown

    def visits(indices):
        shown = []
        for i in indices:
            visit = services.create_visit(
                by=admin,
                organization=unit(fed, i),
                kind="knock",
                visit_date=today,
                community=f"第{i}走访社区",
                team=world.team,
                num_participants=3,
            )
            shown.append(visit.community)
        return shown

    def problems(indices):
        shown = []
        for i in indices:
            problem = services.collect_problem(
                by=admin, organization=unit(fed, i), title=f"第{i}件民生难题", collected_date=today
            )
            shown.append(problem.title)
        return shown

    return {
        "teams": teams,
        "volunteers": volunteers,
        "events": events,
        "hours": hours,
        "pairings": pairings,
        "visits": visits,
        "problems": problems,
    }


LISTS = ["teams", "volunteers", "events", "hours", "pairings", "visits", "problems"]


@pytest.mark.parametrize("name", LISTS)
def test_list_page(fed, world, client_for, name):
    more = makers(fed, world)[name]
    url = f"/volunteering/{name}/"
    assert_constant_queries(client_for(fed.province_admin), url, more, most=10)


@pytest.mark.parametrize("name", LISTS)
def test_api_list(fed, world, client_for, name):
    more = makers(fed, world)[name]
    url = f"/api/v1/volunteering/{name}"
    assert_constant_queries(client_for(fed.province_admin), url, more, most=10)


def test_overview_with_hours_by_team(fed, world, client_for):
    more = makers(fed, world)["teams"]
    assert_constant_queries(client_for(fed.province_admin), "/volunteering/", more, most=18)


def test_public_events_page(fed, world, client):
    more = makers(fed, world)["events"]
    assert_constant_queries(client, "/volunteering/public/", more, most=4)
