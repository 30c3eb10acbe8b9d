"""Quiz participation as ledger evidence: the unit's quizzes with the attempts finished in the
campaign period (人次) and their page views, offered on an indicator about quizzes (答题、知识竞赛 …).

Views are counted on the quiz as a running total (浏览量), so the figure is the quiz's views to
date, not those of the period; participation is counted from the attempts in the period."""

import datetime as dt

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.ledger.sources import MAX_ROWS, EvidenceRow, EvidenceSource

from . import selectors


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The period as aware datetimes [start 00:00, the day after end 00:00)."""
    zone = timezone.get_current_timezone()
    first = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return first, after


def quiz_participation(*, user, organization, start, end) -> list[EvidenceRow]:
    first, after = _bounds(start, end)
    in_period = Q(attempts__finished_at__gte=first, attempts__finished_at__lt=after)
    quizzes = (
        selectors.quizzes_for_user(user)
        .in_subtree(organization)
        .annotate(
            num_in_period=Count("attempts", filter=in_period),
            last_in_period=Max("attempts__finished_at", filter=in_period),
        )
        .filter(num_in_period__gt=0)
        .order_by("-last_in_period", "-pk")[:MAX_ROWS]
    )
    return [
        EvidenceRow(
            title=quiz.title,
            date=timezone.localdate(quiz.last_in_period),
            figures=f"{_('参与人次')} {quiz.num_in_period}，{_('浏览量')} {quiz.num_views}",
            url=reverse("surveys:quiz_detail", args=[quiz.pk]),
        )
        for quiz in quizzes
    ]


SOURCES = (
    EvidenceSource(
        key="surveys.quizzes",
        label=gettext_lazy("线上答题"),
        rows=quiz_participation,
        keywords=("答题", "知识竞赛", "知识问答", "竞答", "知识测试"),
        order=20,
    ),
)
