"""Headline figures of surveys and quizzes for the dashboards, the big screen and the reports:
responses in the period, the satisfaction rate of the surveys answered in it, quiz 人次."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure

from . import selectors

FIGURES = (
    Figure(
        key="surveys.responses",
        label=_("问卷答卷"),
        unit=_("份"),
        compute=lambda user, period: selectors.responses_in_period(
            user, start=period.start, end=period.end
        ),
        url=lambda period: "/surveys/",
        order=50,
    ),
    Figure(
        key="surveys.satisfaction",
        label=_("测评满意率"),
        unit="%",
        compute=lambda user, period: selectors.satisfaction_in_period(
            user, start=period.start, end=period.end
        ),
        url=lambda period: "/surveys/",
        order=51,
    ),
    Figure(
        key="surveys.quiz_attempts",
        label=_("线上答题参与"),
        unit=_("人次"),
        compute=lambda user, period: selectors.quiz_attempts_in_period(
            user, start=period.start, end=period.end
        ),
        url=lambda period: "/surveys/quizzes/",
        order=52,
    ),
)
