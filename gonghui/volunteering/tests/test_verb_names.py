"""A verb has one name in the service, the API path and the history: cancelling an event is
`cancel` (取消), not 撤回; solving a problem is `close` (办结) at /problems/{id}/close."""

import importlib

import pytest
from django.utils import timezone

from gonghui.accounts.models import ApiToken
from gonghui.core.models import AuditEntry
from gonghui.volunteering import selectors, services
from gonghui.volunteering.models import Problem, VolunteeringTransition
from gonghui.volunteering.workflow import EventStatus, ProblemStatus


def bearer(user):
    _token, key = ApiToken.generate(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def assigned_problem(fed):
    problem = services.collect_problem(
        by=fed.city_admin,
        organization=fed.zhengzhou,
        title="小区路灯不亮",
        collected_date=timezone.localdate(),
        community="树仁社区",
    )
    return services.assign_problem(by=fed.city_admin, problem=problem, assignee="社区物业")


def test_cancelling_an_event_is_recorded_as_cancel_with_its_reason(fed, world):
    services.cancel_event(by=fed.city_admin, event=world.event, reason="暴雨预警")
    (row,) = selectors.history_of(world.event)
    assert (row.verb, row.verb_label, row.note) == ("cancel", "取消", "暴雨预警")
    assert (row.from_label, row.to_label) == ("报名中", "已取消")
    world.event.refresh_from_db()
    assert world.event.status == EventStatus.CANCELLED
    entry = AuditEntry.objects.get(action="transition", target_id=str(world.event.pk))
    assert "取消" in entry.summary and "报名中 → 已取消" in entry.summary


def test_a_sign_up_history_row_is_audited_in_its_event_s_organisation(fed, world):
    signup = services.sign_up(by=fed.city_admin, event=world.event, volunteer=world.volunteers[0])
    services.check_in(by=fed.city_admin, signup=signup)
    (row,) = VolunteeringTransition.objects.filter(target_type="signup", target_id=signup.pk)
    assert (row.verb, row.from_label, row.to_label) == ("check_in", "已报名", "已签到")
    entry = AuditEntry.objects.get(action="transition", target_type="volunteering.signup")
    assert entry.org_path == world.event.org_path != ""


@pytest.mark.parametrize("path", ["close", "solve"])
def test_the_api_closes_a_problem_at_close_and_still_at_the_former_solve(client, fed, path):
    problem = assigned_problem(fed)
    response = client.post(
        f"/api/v1/volunteering/problems/{problem.pk}/{path}",
        {"result": "已更换灯具", "solved_date": timezone.localdate().isoformat()},
        content_type="application/json",
        **bearer(fed.city_admin),
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ProblemStatus.SOLVED
    problem = Problem.objects.get(pk=problem.pk)
    assert problem.status == ProblemStatus.SOLVED and problem.result == "已更换灯具"
    verbs = [row.verb for row in selectors.history_of(problem)]
    assert verbs == ["assign", "close"]


def test_the_schema_names_the_verb_once(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/volunteering/problems/{problem_id}/close" in paths
    assert not [p for p in paths if p.endswith("/solve")]


migration = importlib.import_module(
    "gonghui.volunteering.migrations.0002_history_on_the_workflow_kernel"
)


class AppsAtThatMigration:
    """The model registry as migration 0002 sees it, when the history model (the same table, since
    renamed to VolunteeringTransition) was still called StatusChange."""

    def get_model(self, app_label, model_name):
        assert (app_label, model_name) == ("volunteering", "StatusChange")
        return VolunteeringTransition


def test_history_written_before_records_a_cancelled_event_as_cancel(fed, world):
    def row(target_type, verb):
        return VolunteeringTransition.objects.create(
            target_type=target_type, target_id=1, verb=verb, from_status="open", note="旧记录"
        )

    event_row, signup_row = row("serviceevent", "withdraw"), row("signup", "withdraw")
    migration.cancel_not_withdraw(AppsAtThatMigration(), None)
    event_row.refresh_from_db()
    signup_row.refresh_from_db()
    assert (event_row.verb, event_row.note) == ("cancel", "旧记录")
    assert signup_row.verb == "withdraw"
    migration.withdraw_not_cancel(AppsAtThatMigration(), None)
    event_row.refresh_from_db()
    assert event_row.verb == "withdraw"
