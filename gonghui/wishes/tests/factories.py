"""Wishes in any state for tests, written directly so each test starts where it needs to."""

import datetime as dt
import itertools

from django.utils import timezone

from gonghui.testing import make_org
from gonghui.wishes.models import Wish
from gonghui.wishes.workflow import Status

_seq = itertools.count(1)

TIMESTAMPS = {
    Status.VETTED: ["vetted_at"],
    Status.PUBLISHED: ["vetted_at", "published_at"],
    Status.CLAIMED: ["vetted_at", "published_at", "claimed_at"],
    Status.DELIVERED: ["vetted_at", "published_at", "claimed_at", "delivered_at"],
    Status.THANKED: ["vetted_at", "published_at", "claimed_at", "delivered_at", "thanked_at"],
    Status.EXPIRED: ["vetted_at", "published_at", "expired_at"],
}


def make_wish(organization, status=Status.COLLECTED, **fields) -> Wish:
    now = timezone.now()
    n = next(_seq)
    values = {
        "title": f"给孩子买一套学习桌椅{n}",
        "description": "孩子上初中，家里没有写作业的桌子",
        "category": Wish.Category.STUDY,
        "amount_band": Wish.AmountBand.UP_TO_300,
        "worker_name": "王秀英",
        "worker_phone": "13912345678",
        "worker_address": "郑州市金水区花园路88号3单元",
        "hardship": "患尿毒症，长期透析",
        "collected_date": dt.date(2020, 5, 1),
    }
    for name in TIMESTAMPS.get(status, []):
        values[name] = now
    if "published_at" in values:
        values["expires_at"] = now + dt.timedelta(days=90)
    if status in (Status.CLAIMED, Status.DELIVERED, Status.THANKED):
        values.update(
            claimant_kind=Wish.ClaimantKind.PUBLIC,
            claimant_name="李爱心",
            claimant_phone="13700001111",
        )
    if status in (Status.DELIVERED, Status.THANKED):
        values["delivered_date"] = dt.date(2020, 5, 20)
    values.update(fields)
    return Wish.objects.create(organization=organization, status=status, **values)


def wishes_in_new_units(fed, status=Status.CLAIMED):
    """make_rows for the query-count helper: wish i in a grassroots union of its own."""

    def more(indices):
        shown = []
        for i in indices:
            org = make_org(f"郑州第{i}机械厂工会", parent=fed.jinshui)
            shown.append(make_wish(org, status, title=f"心愿第{i}号").title)
        return shown

    return more
