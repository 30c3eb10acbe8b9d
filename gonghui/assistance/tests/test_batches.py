"""Distribution batches: planned with a budget, filled, approved, paid; a worker at most once
per batch, never above the budget (also when two people add or approve at the same moment), an
exited archive never paid, a payment corrected only by a reversing entry."""

import concurrent.futures
import datetime as dt
import threading

import pytest
from django.db import connection

from gonghui.assistance import selectors, services
from gonghui.assistance.models import Archive, Batch, BatchEntry, ReliefRecord
from gonghui.assistance.workflow import BatchStatus, Status
from gonghui.core.exceptions import DomainError, InvalidTransition, ValidationFailed

from .factories import make_archive

TODAY = dt.date(2026, 1, 20)


def _batch(fed, budget=100_000, **extra):
    return services.plan_batch(
        by=fed.officer,
        organization=extra.pop("organization", fed.henan),
        name=extra.pop("name", "2026年春节送温暖"),
        fund_source="upper",
        budget_fen=budget,
        planned_date=TODAY,
        **extra,
    )


def _active(fed, n=1, org=None):
    # No reasons: the transactional tests run without the migrations' reference rows.
    return [
        make_archive(fed.grassroots_admin, org or fed.grassroots, status=Status.ACTIVE, reasons=[])
        for _ in range(n)
    ]


@pytest.mark.django_db
def test_plan_fill_approve_pay_writes_one_relief_record_per_worker(fed):
    archives = _active(fed, 3)
    batch = _batch(fed)
    added = services.add_to_batch(
        by=fed.officer, batch=batch, archive_ids=[a.pk for a in archives], amount_fen=30000
    )
    assert added == 3 and (batch.total_fen, batch.num_entries) == (90000, 3)
    services.approve_batch(by=fed.officer, batch=batch)
    services.pay_batch(by=fed.officer, batch=batch, paid_date=TODAY)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID
    paid = ReliefRecord.objects.filter(batch=batch)
    assert sorted(paid.values_list("archive_id", flat=True)) == sorted(a.pk for a in archives)
    assert {r.amount_fen for r in paid} == {30000}
    assert list(batch.history.values_list("verb", flat=True)) == ["plan", "approve", "pay"]


@pytest.mark.django_db
def test_a_worker_is_on_a_batch_at_most_once(fed):
    (archive,) = _active(fed)
    batch = _batch(fed)
    assert (
        services.add_to_batch(by=fed.officer, batch=batch, archive_ids=[archive.pk], amount_fen=100)
        == 1
    )
    assert (
        services.add_to_batch(
            by=fed.officer, batch=batch, archive_ids=[archive.pk, archive.pk], amount_fen=100
        )
        == 0
    )
    assert BatchEntry.objects.filter(batch=batch).count() == 1
    batch.refresh_from_db()
    assert batch.total_fen == 100


@pytest.mark.django_db
def test_the_budget_is_never_exceeded(fed):
    archives = _active(fed, 3)
    batch = _batch(fed, budget=50000)
    with pytest.raises(ValidationFailed, match="超出批次预算"):
        services.add_to_batch(
            by=fed.officer, batch=batch, archive_ids=[a.pk for a in archives], amount_fen=20000
        )
    batch.refresh_from_db()
    assert (batch.total_fen, batch.num_entries) == (0, 0)
    assert not BatchEntry.objects.filter(batch=batch).exists()


@pytest.mark.django_db
def test_an_exited_archive_cannot_be_added_or_paid(fed):
    active, leaving = _active(fed, 2)
    exited = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.EXITED)
    batch = _batch(fed)
    with pytest.raises(ValidationFailed):
        services.add_to_batch(by=fed.officer, batch=batch, archive_ids=[exited.pk], amount_fen=100)
    services.add_to_batch(
        by=fed.officer, batch=batch, archive_ids=[active.pk, leaving.pk], amount_fen=100
    )
    services.approve_batch(by=fed.officer, batch=batch)
    services.exit_archive(archive=leaving, by=fed.officer, reason="employed")
    with pytest.raises(InvalidTransition, match="不在档"):
        services.pay_batch(by=fed.officer, batch=batch, paid_date=TODAY)
    assert not ReliefRecord.objects.filter(batch=batch).exists()


@pytest.mark.django_db
def test_the_candidates_follow_the_filters_and_the_subtree(fed):
    deep = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE)
    Archive.objects.filter(pk=deep.pk).update(tier="deep")
    relative = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE)
    Archive.objects.filter(pk=relative.pk).update(tier="relative")
    batch = _batch(fed)
    assert selectors.batch_candidates(fed.officer, batch, tier="deep") == [deep.pk]
    small = _batch(fed, organization=fed.grassroots)
    # A narrower filter cannot reach outside the batch's own subtree.
    assert selectors.batch_candidates(fed.officer, small, organization=fed.henan) == []
    assert selectors.batch_candidates(fed.outsider, batch) == []


@pytest.mark.django_db
def test_a_payment_is_corrected_only_by_a_reversing_entry(fed):
    (archive,) = _active(fed)
    record = services.record_relief(
        by=fed.officer,
        organization=fed.grassroots,
        archive=archive,
        programme="warmth",
        fund_source="own",
        given_date=TODAY,
        amount_fen=50000,
    )
    reversal = services.reverse_relief(by=fed.officer, record=record, note="重复登记")
    assert (reversal.amount_fen, reversal.headcount, reversal.reverses) == (-50000, -1, record)
    record.refresh_from_db()
    assert record.amount_fen == 50000  # the original is untouched
    with pytest.raises(InvalidTransition):
        services.reverse_relief(by=fed.officer, record=record, note="再次冲正")
    with pytest.raises(InvalidTransition):
        services.reverse_relief(by=fed.officer, record=reversal, note="冲正冲正")
    from django.db.models import Sum

    assert ReliefRecord.objects.filter(archive=archive).aggregate(s=Sum("amount_fen"))["s"] == 0


def _in_threads(calls):
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        try:
            return call()
        except DomainError as exc:
            return exc
        finally:
            connection.close()

    with concurrent.futures.ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.mark.django_db(transaction=True)
def test_concurrent_additions_never_exceed_the_budget(fed):
    archives = _active(fed, 6)
    batch = _batch(fed, budget=30000)
    calls = [
        (lambda pks=[a.pk]: services.add_to_batch(
            by=fed.officer, batch=Batch.objects.get(pk=batch.pk), archive_ids=pks, amount_fen=10000
        ))
        for a in archives
    ]  # fmt: skip
    results = _in_threads(calls)
    batch.refresh_from_db()
    assert batch.total_fen <= batch.budget_fen
    assert batch.total_fen == 10000 * BatchEntry.objects.filter(batch=batch).count()
    assert sum(1 for r in results if r == 1) == BatchEntry.objects.filter(batch=batch).count()


@pytest.mark.django_db(transaction=True)
def test_concurrent_additions_of_one_worker_put_them_on_once(fed):
    (archive,) = _active(fed)
    batch = _batch(fed)
    calls = [
        lambda: services.add_to_batch(
            by=fed.officer,
            batch=Batch.objects.get(pk=batch.pk),
            archive_ids=[archive.pk],
            amount_fen=10000,
        )
        for _ in range(4)
    ]
    _in_threads(calls)
    batch.refresh_from_db()
    assert BatchEntry.objects.filter(batch=batch).count() == 1
    assert (batch.total_fen, batch.num_entries) == (10000, 1)


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvers_and_payers_act_once(fed):
    archives = _active(fed, 2)
    batch = _batch(fed)
    services.add_to_batch(
        by=fed.officer, batch=batch, archive_ids=[a.pk for a in archives], amount_fen=100
    )
    approvals = _in_threads(
        [lambda: services.approve_batch(by=fed.officer, batch=Batch.objects.get(pk=batch.pk))] * 3
    )
    assert sum(1 for r in approvals if isinstance(r, Batch)) == 1
    payments = _in_threads(
        [lambda: services.pay_batch(by=fed.officer, batch=Batch.objects.get(pk=batch.pk))] * 3
    )
    assert sum(1 for r in payments if isinstance(r, Batch)) == 1
    assert ReliefRecord.objects.filter(batch=batch).count() == 2
    assert batch.history.filter(verb="approve").count() == 1
