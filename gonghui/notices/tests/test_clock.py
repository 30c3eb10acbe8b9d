"""Notices open and close by themselves: the periodic job posts and ends them."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.scheduling import registered_jobs
from gonghui.notices import services, signals
from gonghui.notices.models import Notice
from gonghui.notices.tasks import run_notice_clock
from gonghui.notices.workflow import Status

from .factories import make_notice

pytestmark = pytest.mark.django_db


def test_the_clock_is_a_scheduled_job_of_the_product():
    names = [job.name for job in registered_jobs()]
    assert "gonghui.notices.tasks.run_notice_clock" in names


def test_a_scheduled_notice_opens_and_later_closes_by_itself(
    fed, django_capture_on_commit_callbacks
):
    start = timezone.now() + dt.timedelta(hours=1)
    notice = make_notice(fed, opens_at=start)
    assert services.run_clock(now=start - dt.timedelta(minutes=1)) == (0, 0)
    assert services.run_clock(now=start + dt.timedelta(minutes=1)) == (1, 0)
    notice.refresh_from_db()
    assert notice.status == Status.OPEN
    heard = []
    signals.notice_closed.connect(lambda sender, notice, **kw: heard.append(notice.pk), weak=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.run_clock(now=notice.closes_at + dt.timedelta(minutes=1)) == (0, 1)
    notice.refresh_from_db()
    assert notice.status == Status.CLOSED and notice.closed_at is not None
    assert heard == [notice.pk]
    assert [h.verb for h in notice.history.all()] == ["post", "close"]


def test_the_task_body_runs_the_clock(fed):
    notice = make_notice(fed, opens_at=timezone.now() - dt.timedelta(days=30))
    assert notice.closes_at < timezone.now()
    assert run_notice_clock.call() == [0, 1]
    assert Notice.objects.get(pk=notice.pk).status == Status.CLOSED
