"""Every volunteering transition, allowed and refused: sign-up/check-in, hours approved by the
team leader only, problems collected → assigned → solved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.core.exceptions import InvalidTransition, PermissionDenied, ValidationFailed
from gonghui.volunteering import selectors, services
from gonghui.volunteering.models import ServiceEvent, VolunteeringTransition
from gonghui.volunteering.workflow import HoursStatus, ProblemStatus, SignUpStatus


def _finished_event_with_hours(fed, world, hours="3"):
    signup = services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[0])
    services.check_in(by=fed.city_admin, signup=signup)
    # The event took place: move it into the past, then close it.
    past = timezone.now() - dt.timedelta(days=1)
    ServiceEvent.objects.filter(pk=world.event.pk).update(
        start_at=past, end_at=past + dt.timedelta(hours=3)
    )
    world.event.refresh_from_db()
    services.close_event(by=fed.city_admin, event=world.event)
    world.event.refresh_from_db()
    return services.record_event_hours(by=fed.city_admin, event=world.event, hours=Decimal(hours))


# --- sign-up, check-in, events ---


def test_sign_up_within_capacity_then_full(fed, world):
    for v in world.volunteers[:2]:
        services.sign_up(by=fed.city_admin, event=world.event, volunteer=v)
    with pytest.raises(ValidationFailed, match="报名人数已满"):
        services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[2])


def test_double_sign_up_refused_and_withdraw_frees_a_place(fed, world):
    signup = services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[0])
    with pytest.raises(ValidationFailed, match="已报名"):
        services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[0])
    services.withdraw_sign_up(by=fed.city_admin, signup=signup)
    with pytest.raises(InvalidTransition):
        services.check_in(by=fed.city_admin, signup=signup)
    again = services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[0])
    assert again.pk == signup.pk and again.status == SignUpStatus.SIGNED_UP


def test_check_in_once(fed, world):
    signup = services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[0])
    services.check_in(by=fed.city_admin, signup=signup)
    assert signup.status == SignUpStatus.CHECKED_IN
    with pytest.raises(InvalidTransition, match="签到"):
        services.check_in(by=fed.city_admin, signup=signup)
    with pytest.raises(InvalidTransition):
        services.withdraw_sign_up(by=fed.city_admin, signup=signup)


def test_outsider_cannot_sign_up_others_or_check_in(fed, world):
    with pytest.raises(PermissionDenied):
        services.sign_up(by=fed.outsider, event=world.event, volunteer=world.volunteers[0])
    signup = services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[0])
    with pytest.raises(PermissionDenied):
        services.check_in(by=fed.outsider, signup=signup)


def test_closed_or_cancelled_event_refuses(fed, world):
    services.cancel_event(by=fed.city_admin, event=world.event)
    with pytest.raises(ValidationFailed, match="已取消"):
        services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[0])
    with pytest.raises(InvalidTransition):
        services.close_event(by=fed.city_admin, event=world.event)


def test_public_sign_up_needs_code_and_phone(fed, world):
    volunteer = world.volunteers[1]
    with pytest.raises(ValidationFailed, match="不正确"):
        services.public_sign_up(event=world.event, code=volunteer.code, phone="13900000000")
    signup = services.public_sign_up(
        event=world.event, code=volunteer.code.lower(), phone=volunteer.person.phone
    )
    assert signup.channel == "portal"
    ServiceEvent.objects.filter(pk=world.event.pk).update(is_public=False)
    world.event.refresh_from_db()
    with pytest.raises(ValidationFailed, match="不在公众门户"):
        services.public_sign_up(
            event=world.event, code=world.volunteers[2].code, phone=world.volunteers[2].person.phone
        )


# --- hours ---


def test_hours_need_a_finished_event(fed, world):
    with pytest.raises(ValidationFailed, match="活动结束后"):
        services.record_event_hours(by=fed.city_admin, event=world.event, hours="2")


def test_team_leader_approves_hours(fed, world):
    (record,) = _finished_event_with_hours(fed, world, "2.5")
    assert record.minutes == 150 and record.status == HoursStatus.SUBMITTED
    services.approve_hours(by=world.leader, record=record)
    record.refresh_from_db()
    assert record.status == HoursStatus.APPROVED and record.reviewed_by == world.leader
    assert selectors.volunteer_hours(world.volunteers[0])["hours"] == Decimal("2.5")
    assert VolunteeringTransition.objects.filter(
        target_type="servicehours", verb="approve"
    ).exists()
    with pytest.raises(InvalidTransition):
        services.approve_hours(by=world.leader, record=record)
    with pytest.raises(InvalidTransition):
        services.reject_hours(by=world.leader, record=record, comment="重复")


@pytest.mark.parametrize("who", ["city_admin", "province_admin", "sysadmin", "outsider"])
def test_only_the_team_leader_approves(fed, world, who):
    (record,) = _finished_event_with_hours(fed, world)
    with pytest.raises(PermissionDenied, match="队长"):
        services.approve_hours(by=getattr(fed, who), record=record)
    with pytest.raises(PermissionDenied, match="队长"):
        services.reject_hours(by=getattr(fed, who), record=record, comment="不对")


def test_rejected_hours_are_resubmitted_then_approved(fed, world):
    (record,) = _finished_event_with_hours(fed, world)
    with pytest.raises(ValidationFailed, match="理由"):
        services.reject_hours(by=world.leader, record=record, comment=" ")
    services.reject_hours(by=world.leader, record=record, comment="时长有误")
    with pytest.raises(InvalidTransition):
        services.approve_hours(by=world.leader, record=record)
    services.resubmit_hours(by=fed.city_admin, record=record, hours="2")
    record.refresh_from_db()
    assert record.status == HoursStatus.SUBMITTED and record.minutes == 120
    with pytest.raises(InvalidTransition):
        services.resubmit_hours(by=fed.city_admin, record=record)
    services.approve_hours(by=world.leader, record=record)


def test_hours_only_once_per_event_and_for_members(fed, world):
    _finished_event_with_hours(fed, world)
    assert services.record_event_hours(by=fed.city_admin, event=world.event, hours="1") == []
    outsider_volunteer = services.register_volunteer(
        by=fed.province_admin,
        person=__import__("gonghui.testing").testing.make_person(fed.henan, name="赵刚"),
    )
    with pytest.raises(ValidationFailed, match="不是"):
        services.record_hours(
            by=fed.city_admin,
            volunteer=outsider_volunteer,
            team=world.team,
            hours="1",
            service_date=timezone.localdate(),
        )
    with pytest.raises(ValidationFailed, match="24 小时"):
        services.record_hours(
            by=fed.city_admin,
            volunteer=world.volunteers[1],
            team=world.team,
            hours="25",
            service_date=timezone.localdate(),
        )


def test_totals_per_volunteer_team_and_organisation(fed, world):
    day = timezone.localdate()
    for volunteer, hours in zip(world.volunteers, ["1.5", "2", "0.5"], strict=True):
        record = services.record_hours(
            by=fed.city_admin, volunteer=volunteer, team=world.team, hours=hours, service_date=day
        )
        services.approve_hours(by=world.leader, record=record)
    totals = selectors.hours_totals(fed.province_admin)
    assert totals["total_hours"] == Decimal("4.0")
    assert totals["by_team"][0]["hours"] == Decimal("4.0")
    assert totals["by_organization"][0]["label"] == "郑州市总工会"
    assert [r["hours"] for r in totals["by_volunteer"]] == [
        Decimal("2.0"),
        Decimal("1.5"),
        Decimal("0.5"),
    ]


# --- problems ---


def _problem(fed):
    return services.collect_problem(
        by=fed.city_admin,
        organization=fed.zhengzhou,
        title="楼道照明损坏",
        collected_date=timezone.localdate(),
        community="树仁社区",
    )


def test_problem_collected_assigned_solved(fed):
    problem = _problem(fed)
    assert problem.status == ProblemStatus.COLLECTED
    services.assign_problem(by=fed.city_admin, problem=problem, assignee="社区物业")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.ASSIGNED and problem.assigned_date
    services.close_problem(
        by=fed.city_admin, problem=problem, result="已更换灯具", solved_date=timezone.localdate()
    )
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SOLVED and problem.result == "已更换灯具"
    counts = selectors.problem_counts(fed.province_admin)
    assert counts == {"collected": 1, "assigned": 0, "solved": 1}
    verbs = list(
        VolunteeringTransition.objects.filter(target_type="problem").values_list("verb", flat=True)
    )
    assert verbs == ["assign", "close"]


def test_problem_refused_transitions(fed):
    problem = _problem(fed)
    with pytest.raises(InvalidTransition, match="办结"):
        services.close_problem(
            by=fed.city_admin, problem=problem, result="x", solved_date=timezone.localdate()
        )
    with pytest.raises(ValidationFailed, match="承办"):
        services.assign_problem(by=fed.city_admin, problem=problem, assignee="")
    services.assign_problem(by=fed.city_admin, problem=problem, assignee="街道办")
    with pytest.raises(InvalidTransition, match="交办"):
        services.assign_problem(by=fed.city_admin, problem=problem, assignee="街道办")
    with pytest.raises(ValidationFailed, match="结果"):
        services.close_problem(
            by=fed.city_admin, problem=problem, result="", solved_date=timezone.localdate()
        )
    services.close_problem(
        by=fed.city_admin, problem=problem, result="已解决", solved_date=timezone.localdate()
    )
    with pytest.raises(InvalidTransition):
        services.close_problem(
            by=fed.city_admin, problem=problem, result="再次", solved_date=timezone.localdate()
        )


def test_outsider_cannot_handle_problems(fed):
    problem = _problem(fed)
    with pytest.raises(PermissionDenied):
        services.assign_problem(by=fed.outsider, problem=problem, assignee="x")
    with pytest.raises(PermissionDenied):
        services.collect_problem(
            by=fed.outsider,
            organization=fed.zhengzhou,
            title="x",
            collected_date=timezone.localdate(),
        )
