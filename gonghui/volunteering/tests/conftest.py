"""A small volunteering world on top of the federation: a team with its leader, volunteers and
an open event."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from gonghui.testing import make_person, make_user
from gonghui.volunteering import services


@dataclass
class World:
    team: object
    leader: object
    volunteers: list
    event: object


@pytest.fixture
def world(fed):
    admin = fed.city_admin
    leader = make_user("team_leader", org=fed.zhengzhou, role=fed.roles["grassroots_admin"])
    team = services.create_team(
        by=admin,
        organization=fed.zhengzhou,
        name="工心向党共产党员志愿服务队",
        kind="party",
        leader=leader,
    )
    volunteers = []
    for i, name in enumerate(["王志强", "李秀英", "陈国平"]):
        person = make_person(fed.zhengzhou, name=name, phone=f"1390000000{i}")
        volunteer = services.register_volunteer(by=admin, person=person)
        services.add_member(by=admin, team=team, volunteer=volunteer)
        volunteers.append(volunteer)
    start = timezone.now() + dt.timedelta(days=1)
    event = services.create_event(
        by=admin,
        organization=fed.zhengzhou,
        team=team,
        title="红色星期六 清理小广告",
        start_at=start,
        end_at=start + dt.timedelta(hours=3),
        capacity=2,
        is_public=True,
    )
    return World(team=team, leader=leader, volunteers=volunteers, event=event)
