"""Headline figures of stations for dashboards, the big screen and reports: stations in
operation and in all (累计建设), per status, and 人次 served in a period; each within the
user's scope, each with the list behind it."""

import contextlib
import time

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure, Period

from . import selectors
from .models import Station

# A dashboard asks for the total and each status in turn: one grouped count answers them all,
# kept on the user object (one per request) for a few seconds.
_MEMO_SECONDS = 5.0


def _status_counts(user) -> dict[str, int]:
    memo = getattr(user, "_station_status_counts", None)
    if memo is not None and time.monotonic() - memo[0] < _MEMO_SECONDS:
        return memo[1]
    counts = selectors.status_counts(user)
    # An object that takes no attributes just goes without the memo.
    with contextlib.suppress(AttributeError):
        user._station_status_counts = (time.monotonic(), counts)
    return counts


def _count(status: str = ""):
    def compute(user, period: Period) -> int:
        counts = _status_counts(user)
        return counts.get(status, 0) if status else sum(counts.values())

    return compute


def _list_url(status: str = ""):
    def url(period: Period) -> str:
        base = reverse("stations:list")
        return f"{base}?status={status}" if status else base

    return url


def _usage(user, period: Period) -> int:
    return selectors.usage_total(user, period.start, period.end)


FIGURES = (
    Figure(
        key="stations.total",
        label=_("累计建设工会驿站"),
        compute=_count(),
        unit=_("家"),
        url=_list_url(),
        order=40,
    ),
    *(
        Figure(
            key=f"stations.{status}",
            label=label,
            compute=_count(status),
            unit=_("家"),
            url=_list_url(status),
            order=41 + n,
        )
        for n, (status, label) in enumerate(
            [
                (Station.Status.OPEN, _("运营中的驿站")),
                (Station.Status.PLANNED, _("筹建中的驿站")),
                (Station.Status.SUSPENDED, _("暂停服务的驿站")),
                (Station.Status.CLOSED, _("已撤销的驿站")),
            ]
        )
    ),
    Figure(
        key="stations.usage",
        label=_("驿站服务人次"),
        compute=_usage,
        unit=_("人次"),
        url=lambda period: f"{reverse('stations:statistics')}?year={period.end.year}",
        order=46,
    ),
)
