"""The surveys API beyond collection: problems, inspection groups and rectification tasks,
quizzes with their attempts and leaderboard, all within the caller's scope."""

import datetime as dt

import pytest

from gonghui.accounts.models import ApiToken
from gonghui.surveys import services

from .factories import make_survey

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, key = ApiToken.generate(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_problems_groups_and_tasks_over_the_api(fed, client):
    survey = make_survey(fed)
    admin = bearer(fed.province_admin)
    target = survey.targets.first()
    url = f"/api/v1/surveys/{survey.pk}/problems"
    created = client.post(
        url,
        {"title": "窗口排队长", "category": "办事效率", "target_id": target.pk},
        content_type="application/json",
        **admin,
    )
    assert created.status_code == 201, created.content
    problem_id = created.json()["id"]
    assert [p["id"] for p in client.get(url, **admin).json()["items"]] == [problem_id]
    other = make_survey(fed)
    wrong = client.post(
        url,
        {"title": "x", "target_id": other.targets.first().pk},
        content_type="application/json",
        **admin,
    )
    assert wrong.status_code in (400, 422)
    group = services.create_group(
        by=fed.province_admin, survey=survey, name="第一督察组", target_ids=[target.pk]
    )
    from gonghui.surveys.models import Problem

    services.assign_task(
        by=fed.province_admin,
        problem=Problem.objects.get(pk=problem_id),
        department="市政务服务中心",
        deadline=dt.date(2030, 1, 1),
    )
    groups = client.get(f"/api/v1/surveys/{survey.pk}/groups", **admin).json()
    assert groups[0]["id"] == group.pk and groups[0]["target_ids"] == [target.pk]
    tasks = client.get(f"/api/v1/surveys/{survey.pk}/tasks", **admin).json()["items"]
    assert tasks[0]["department"] == "市政务服务中心" and tasks[0]["problem"] == "窗口排队长"
    outsider = bearer(fed.outsider)
    assert client.get(f"/api/v1/surveys/{survey.pk}/tasks", **outsider).status_code == 404
    assert (
        client.post(url, {"title": "x"}, content_type="application/json", **outsider).status_code
        == 404
    )


def test_quizzes_attempts_and_leaderboard_over_the_api(fed, client):
    by = fed.province_admin
    quiz = services.create_quiz(by=by, organization=fed.henan, title="价值观答题", num_questions=1)
    question = services.add_quiz_question(
        by=by, quiz=quiz, text="题一", options=["是", "否"], answer="A"
    )
    services.publish_quiz(by=by, quiz=quiz)
    for name, given in (("甲", "A"), ("乙", "B")):
        attempt = services.start_attempt(quiz=quiz, name=name, unit="邮政工会")
        services.finish_attempt(attempt=attempt, answers={str(question.pk): given})
    admin = bearer(by)
    listed = client.get("/api/v1/surveys/quizzes/", **admin).json()["items"]
    assert [q["id"] for q in listed] == [quiz.pk] and listed[0]["num_attempts"] == 2
    assert client.get(f"/api/v1/surveys/quizzes/{quiz.pk}", **admin).json()["title"] == "价值观答题"
    attempts = client.get(f"/api/v1/surveys/quizzes/{quiz.pk}/attempts", **admin).json()["items"]
    assert [(a["name"], a["score"]) for a in attempts] == [("甲", 100), ("乙", 0)]
    board = client.get(f"/api/v1/surveys/quizzes/{quiz.pk}/leaderboard", **admin).json()
    assert board["attempts"] == 2 and board["people"][0]["name"] == "甲"
    outsider = bearer(fed.outsider)
    assert client.get("/api/v1/surveys/quizzes/", **outsider).json()["items"] == []
    assert client.get(f"/api/v1/surveys/quizzes/{quiz.pk}/attempts", **outsider).status_code == 404
