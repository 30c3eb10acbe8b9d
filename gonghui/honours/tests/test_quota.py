"""Quotas per organisation and award hold under concurrent submitters: a conditional UPDATE
(used < quota) lets exactly `quota` through, whatever the others read before."""

import concurrent.futures
import threading

import pytest
from django.db import connection

from gonghui.honours import services
from gonghui.honours.models import Quota
from gonghui.honours.services import QuotaFull
from gonghui.honours.workflow import Status

from .factories import make_chain, nominate_person

pytestmark = pytest.mark.django_db


def test_a_level_forwards_only_within_its_quota_and_a_return_frees_the_place(fed):
    chain = make_chain(fed)
    services.set_quota(
        by=chain.province, round_=chain.round, organization=fed.jinshui, award=chain.medal, quota=1
    )
    first, second = nominate_person(fed, chain), nominate_person(fed, chain)
    for n in (first, second):
        services.submit_nomination(by=chain.grassroots, nomination=n)
    services.forward_nomination(by=chain.county, nomination=first)
    with pytest.raises(QuotaFull, match="名额"):
        services.forward_nomination(by=chain.county, nomination=second)
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED and second.at_organization_id == fed.jinshui.pk
    services.return_nomination(by=chain.city, nomination=first, comment="请补充材料")
    assert Quota.objects.get().used == 0
    services.forward_nomination(by=chain.county, nomination=second)
    assert Quota.objects.get().used == 1


def test_a_stale_reader_cannot_pass_the_quota(fed):
    chain = make_chain(fed)
    services.set_quota(
        by=chain.province,
        round_=chain.round,
        organization=fed.grassroots,
        award=chain.medal,
        quota=1,
    )
    a, b = nominate_person(fed, chain), nominate_person(fed, chain)
    # Both submitters loaded the quota row while it still had a place.
    assert Quota.objects.get().used == 0
    services.submit_nomination(by=chain.grassroots, nomination=a)
    with pytest.raises(QuotaFull):
        services.submit_nomination(by=chain.grassroots, nomination=b)
    assert Quota.objects.get().used == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_submitters_never_pass_the_quota(fed):
    chain = make_chain(fed)
    services.set_quota(
        by=chain.province,
        round_=chain.round,
        organization=fed.grassroots,
        award=chain.medal,
        quota=3,
    )
    nominations = [nominate_person(fed, chain) for _ in range(8)]
    barrier = threading.Barrier(len(nominations))

    def submit(n):
        barrier.wait()
        try:
            services.submit_nomination(by=chain.grassroots, nomination=n)
            return "ok"
        except QuotaFull:
            return "full"
        except Exception as exc:  # a database lock timeout would show here
            return repr(exc)
        finally:
            connection.close()

    with concurrent.futures.ThreadPoolExecutor(len(nominations)) as pool:
        results = list(pool.map(submit, nominations))
    assert sorted(results) == ["full"] * 5 + ["ok"] * 3, results
    assert Quota.objects.get().used == 3
    assert (
        sum(n.__class__.objects.filter(status=Status.SUBMITTED).count() for n in [nominations[0]])
        == 3
    )
