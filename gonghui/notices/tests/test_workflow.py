"""Every notice and objection transition, allowed and refused."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.exceptions import PermissionDenied
from gonghui.notices import services
from gonghui.notices.models import Notice, Objection
from gonghui.notices.workflow import ObjectionStatus, Status
from gonghui.testing import assert_verb

from .factories import make_notice

pytestmark = pytest.mark.django_db

PAST = timezone.now() - dt.timedelta(days=60)


def _in(fed, status):
    notice = make_notice(fed, opens_at=timezone.now() - dt.timedelta(minutes=1))
    Notice.objects.filter(pk=notice.pk).update(status=status, opens_at=PAST, closes_at=PAST)
    notice.refresh_from_db()
    return notice


# verb → {source: target or None (refused)}
NOTICE_TABLE = {
    "post": {"scheduled": "open", "open": None, "closed": None, "withdrawn": None},
    "close": {"scheduled": None, "open": "closed", "closed": None, "withdrawn": None},
    "withdraw": {"scheduled": "withdrawn", "open": "withdrawn", "closed": None, "withdrawn": None},
}


@pytest.mark.parametrize(
    ("verb", "source", "target"),
    [(v, s, t) for v, row in NOTICE_TABLE.items() for s, t in row.items()],
)
def test_notice_verbs(fed, verb, source, target):
    notice = _in(fed, source)
    run = {
        "post": lambda: services.post_notice(notice=notice),
        "close": lambda: services.close_notice(notice=notice),
        "withdraw": lambda: services.withdraw_notice(
            notice=notice, by=fed.province_admin, reason="名单有误"
        ),
    }[verb]
    assert_verb(run, notice, source=source, target=target)


def test_withdrawing_needs_the_permission_and_a_reason(fed):
    notice = _in(fed, Status.OPEN)
    with pytest.raises(PermissionDenied):
        services.withdraw_notice(notice=notice, by=fed.leader, reason="x")
    with pytest.raises(Exception, match="撤销原因"):
        services.withdraw_notice(notice=notice, by=fed.province_admin, reason=" ")


def test_a_notice_does_not_close_before_its_period_ends(fed):
    notice = make_notice(fed)
    assert notice.status == Status.OPEN
    assert_verb(lambda: services.close_notice(notice=notice), notice, source="open", target=None)


@pytest.mark.parametrize(("source", "target"), [("received", "closed"), ("closed", None)])
def test_objection_close(fed, source, target):
    notice = make_notice(fed)
    objection = services.lodge_objection(
        notice=notice, name="李四", phone="13800001111", content="事迹不实"
    )
    Objection.objects.filter(pk=objection.pk).update(status=source)
    objection.refresh_from_db()
    assert_verb(
        lambda: services.close_objection(
            objection=objection,
            by=fed.grassroots_admin,
            outcome="dismissed",
            finding="经核实事迹属实",
            answer="维持",
        ),
        objection,
        source=source,
        target=target,
    )


def test_no_objection_after_the_period(fed):
    notice = _in(fed, Status.CLOSED)
    with pytest.raises(Exception, match="公示期已结束"):
        services.lodge_objection(notice=notice, name="李四", phone="13800001111", content="x")
    assert ObjectionStatus.RECEIVED == "received"
