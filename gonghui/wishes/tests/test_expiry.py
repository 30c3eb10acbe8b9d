"""Unclaimed wishes expire after the configured period; claimed ones never do."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from gonghui.wishes import services, tasks
from gonghui.wishes.models import Wish
from gonghui.wishes.workflow import Status


def test_sweep_expires_only_overdue_published_wishes(wish_in):
    now = timezone.now()
    overdue = wish_in(Status.PUBLISHED, expires_at=now - dt.timedelta(minutes=1))
    fresh = wish_in(Status.PUBLISHED, expires_at=now + dt.timedelta(days=3))
    claimed = wish_in(Status.CLAIMED, expires_at=now - dt.timedelta(days=1))
    assert services.expire_overdue_wishes(now=now) == 1
    statuses = dict(Wish.objects.values_list("pk", "status"))
    assert statuses[overdue.pk] == Status.EXPIRED
    assert statuses[fresh.pk] == Status.PUBLISHED
    assert statuses[claimed.pk] == Status.CLAIMED
    assert Wish.objects.get(pk=overdue.pk).expired_at == now


def test_expire_task_runs_for_one_wish(wish_in):
    wish = wish_in(Status.PUBLISHED, expires_at=timezone.now() - dt.timedelta(seconds=1))
    result = tasks.expire_wish.enqueue(wish.pk)
    assert result.return_value is True
    assert Wish.objects.get(pk=wish.pk).status == Status.EXPIRED


def test_expire_task_leaves_a_wish_claimed_meanwhile(wish_in):
    wish = wish_in(Status.CLAIMED, expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert tasks.expire_wish.enqueue(wish.pk).return_value is False
    assert Wish.objects.get(pk=wish.pk).status == Status.CLAIMED


def test_expire_task_leaves_a_wish_before_its_deadline(wish_in):
    wish = wish_in(Status.PUBLISHED)
    assert tasks.expire_wish.enqueue(wish.pk).return_value is False
    assert Wish.objects.get(pk=wish.pk).status == Status.PUBLISHED


def test_command_runs_the_sweep(wish_in, capsys):
    wish_in(Status.PUBLISHED, expires_at=timezone.now() - dt.timedelta(days=1))
    call_command("expire_wishes", "--now")
    assert "已过期 1 个" in capsys.readouterr().out
    assert Wish.objects.filter(status=Status.EXPIRED).count() == 1
