"""Every verb from every state of a service event, a sign-up, a service-hours record and a
民生难题, through the services, against tables written here rather than read from
volunteering.workflow."""

from functools import partial

import pytest
from django.utils import timezone

from gonghui.testing import assert_verb
from gonghui.volunteering import services
from gonghui.volunteering.models import Problem, ServiceEvent, ServiceHours, SignUp

# Where each verb takes each record from each state; a missing verb is refused.
EVENT = {
    "open": {"close": "finished", "cancel": "cancelled"},
    "finished": {},
    "cancelled": {},
}
SIGNUP = {
    "signed_up": {"check_in": "checked_in", "withdraw": "withdrawn"},
    "checked_in": {},
    "withdrawn": {},
}
HOURS = {
    "submitted": {"approve": "approved", "reject": "rejected"},
    "approved": {},
    "rejected": {"resubmit": "submitted"},
}
PROBLEM = {
    "collected": {"assign": "assigned"},
    "assigned": {"close": "solved"},
    "solved": {},
}


def pairs(table, verbs):
    return [(state, verb) for state in table for verb in verbs]


def states_of(model) -> set[str]:
    return {value for value, _label in model._meta.get_field("status").choices}


def test_the_tables_name_every_state():
    assert set(EVENT) == states_of(ServiceEvent)
    assert set(SIGNUP) == states_of(SignUp)
    assert set(HOURS) == states_of(ServiceHours)
    assert set(PROBLEM) == states_of(Problem)


def put_in(obj, state):
    type(obj).objects.filter(pk=obj.pk).update(status=state)
    obj.refresh_from_db()
    return obj


@pytest.mark.parametrize(("source", "verb"), pairs(EVENT, ["close", "cancel"]))
def test_every_event_verb_from_every_state(fed, world, source, verb):
    event = put_in(world.event, source)
    service = {"close": services.close_event, "cancel": services.cancel_event}[verb]
    run = partial(service, by=fed.city_admin, event=event)
    assert_verb(run, event, source=source, target=EVENT[source].get(verb))


@pytest.mark.parametrize(("source", "verb"), pairs(SIGNUP, ["check_in", "withdraw"]))
def test_every_sign_up_verb_from_every_state(fed, world, source, verb):
    signup = services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[0])
    put_in(signup, source)
    service = {"check_in": services.check_in, "withdraw": services.withdraw_sign_up}[verb]
    run = partial(service, by=fed.city_admin, signup=signup)
    assert_verb(run, signup, source=source, target=SIGNUP[source].get(verb))


@pytest.mark.parametrize(("source", "verb"), pairs(HOURS, ["approve", "reject", "resubmit"]))
def test_every_hours_verb_from_every_state(fed, world, source, verb):
    record = services.record_hours(
        by=fed.city_admin,
        volunteer=world.volunteers[0],
        team=world.team,
        hours="2",
        service_date=timezone.localdate(),
    )
    put_in(record, source)
    runs = {
        "approve": lambda: services.approve_hours(by=world.leader, record=record),
        "reject": lambda: services.reject_hours(by=world.leader, record=record, comment="时长有误"),
        "resubmit": lambda: services.resubmit_hours(by=fed.city_admin, record=record, hours="1.5"),
    }
    assert_verb(runs[verb], record, source=source, target=HOURS[source].get(verb))


@pytest.mark.parametrize(("source", "verb"), pairs(PROBLEM, ["assign", "close"]))
def test_every_problem_verb_from_every_state(fed, source, verb):
    today = timezone.localdate()
    problem = services.collect_problem(
        by=fed.city_admin, organization=fed.zhengzhou, title="楼道灯不亮", collected_date=today
    )
    put_in(problem, source)
    runs = {
        "assign": lambda: services.assign_problem(
            by=fed.city_admin, problem=problem, assignee="树仁社区居委会"
        ),
        "close": lambda: services.close_problem(
            by=fed.city_admin, problem=problem, result="已更换灯泡", solved_date=today
        ),
    }
    assert_verb(runs[verb], problem, source=source, target=PROBLEM[source].get(verb))
