"""Dashboard figures: responses in the period and the satisfaction rate, within the scope."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.figures import Period, all_figures
from gonghui.surveys import services

from .factories import make_survey, questions

pytestmark = pytest.mark.django_db


def test_figures_count_the_period_within_the_scope(fed):
    figures = {f.key: f for f in all_figures()}
    assert {"surveys.responses", "surveys.satisfaction", "surveys.quiz_attempts"} <= set(figures)
    survey = make_survey(fed)
    scale, _single, _free = questions(survey)
    for n, grid in enumerate(["112", "334", "111"]):
        services.submit_response(survey=survey, raw_answers={scale.key: grid}, device_id=f"d{n}")
    services.fold_counts(survey_id=survey.pk)
    services.submit_response(survey=survey, raw_answers={scale.key: "111"}, device_id="d9")
    today = timezone.localdate()
    period = Period(today - dt.timedelta(days=1), today)
    assert figures["surveys.responses"].compute(fed.province_admin, period) == 4
    # with the pending "111": 满意 ×8, 基本满意 ×1, 不满意 ×2 valid, 不了解 ×1 not counted
    assert figures["surveys.satisfaction"].compute(fed.province_admin, period) == round(
        100 * 9 / 11, 2
    )
    assert figures["surveys.responses"].compute(fed.outsider, period) == 0
    assert figures["surveys.satisfaction"].compute(fed.outsider, period) is None
    earlier = Period(today - dt.timedelta(days=30), today - dt.timedelta(days=10))
    assert figures["surveys.responses"].compute(fed.province_admin, earlier) == 0
    assert figures["surveys.quiz_attempts"].compute(fed.province_admin, period) == 0
