"""The IDOR matrix learns the surveys routes here and gets a victim survey in 河南 with an
answer, a problem, a rectification task and a quiz with an attempt."""

import datetime as dt

from gonghui.api.tests.world import MARK
from gonghui.surveys import services

BY_NAME = {
    "survey_id": "survey",
    "channel_id": "survey_channel",
    "task_id": "rectification_task",
    "quiz_id": "quiz",
    "attempt_id": "quiz_attempt",
    "access_key": "survey_key",
}
VERBS = {
    "surveys:transition": ["publish", "close", "new_version"],
    "surveys:task_action": ["submit", "approve", "return"],
    "/api/v1/surveys/{survey_id}/{verb}": ["publish", "close"],
}
PUBLIC_PAGES = {
    "surveys:answer": "a questionnaire's public link (its QR code's target): questions only",
    "surveys:thanks": "the page after a public submission",
    "surveys:results": "a survey's results link: redirects to its public notice from the set date",
    "surveys:quiz_public": "a quiz's public page: title, counts, leaderboard of names and units",
    "surveys:quiz_attempt": "a quiz attempt, shown only to the browser that started it",
}
PUBLIC_OPERATIONS = {
    "GET /api/v1/surveys/public/{access_key}": "the questionnaire behind a public link",
    "POST /api/v1/surveys/public/{access_key}/responses": "anyone may answer an open survey",
    "GET /api/v1/surveys/public/quizzes/{access_key}/leaderboard": "a quiz's public leaderboard",
}


def build(world) -> None:
    fed = world.fed
    by = fed.province_admin
    survey = services.create_survey(
        by=by, organization=fed.grassroots, title=f"{MARK}问卷", targets=[f"{MARK}部门"]
    )
    scale = services.add_question(
        by=by, survey=survey, kind="scale", text=f"{MARK}满意度", is_per_target=True
    )
    free = services.add_question(by=by, survey=survey, kind="text", text="建议", is_required=False)
    services.publish_survey(by=by, survey=survey)
    channel = survey.channels.first()
    response, _created = services.submit_response(
        survey=survey,
        channel=channel,
        raw_answers={scale.key: "1", free.key: f"{MARK}意见"},
        device_id="victim",
    )
    problem = services.record_problem(by=by, survey=survey, title=f"{MARK}问题")
    task = services.assign_task(
        by=by, problem=problem, department=f"{MARK}单位", deadline=dt.date(2030, 1, 1)
    )
    quiz = services.create_quiz(
        by=by, organization=fed.grassroots, title=f"{MARK}答题", num_questions=1
    )
    services.add_quiz_question(by=by, quiz=quiz, text=f"{MARK}题", options=["是", "否"], answer="A")
    services.publish_quiz(by=by, quiz=quiz)
    attempt = services.start_attempt(quiz=quiz, name=f"{MARK}甲", unit="单位")
    world.ids.update(
        {
            "survey": survey.pk,
            "survey_channel": channel.pk,
            "rectification_task": task.pk,
            "quiz": quiz.pk,
            "quiz_attempt": attempt.pk,
            "survey_key": channel.access_key,
            "survey_response": response.pk,
        }
    )
