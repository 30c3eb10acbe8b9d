"""The monthly relief tallies stay exact: what the services keep in step equals a rebuild from
the records, and statistics read from the tallies equal those counted from the records."""

import datetime as dt

import pytest

from gonghui.assistance import selectors, services, tallies
from gonghui.assistance.models import ReliefTally
from gonghui.assistance.workflow import Status

from .factories import make_archive

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 1, 20)


def _snapshot():
    fields = [f.name for f in ReliefTally._meta.fields if f.name != "id"]
    return sorted(tuple(row) for row in ReliefTally.objects.exclude(records=0).values_list(*fields))


def _activity(fed):
    archives = [
        make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE) for _ in range(3)
    ]
    loudi = make_archive(fed.outsider, fed.loudi_grassroots, status=Status.ACTIVE)
    record = services.record_relief(
        by=fed.officer,
        organization=fed.grassroots,
        archive=archives[0],
        programme="medical",
        fund_source="own",
        amount_fen=150000,
        given_date=DAY,
    )
    services.record_relief(
        by=fed.officer,
        organization=fed.zhengzhou,
        programme="education",
        fund_source="donation",
        amount_fen=4_000_000,
        headcount=20,
        given_date=dt.date(2026, 2, 3),
    )
    services.record_relief(
        by=fed.outsider,
        organization=fed.loudi_grassroots,
        archive=loudi,
        programme="warmth",
        fund_source="upper",
        amount_fen=50000,
        given_date=DAY,
    )
    worker = services.create_model_worker(
        by=fed.officer,
        organization=fed.henan,
        name="孙卫东",
        level="national",
        title="全国劳动模范",
        year_awarded=2010,
    )
    services.record_relief(
        by=fed.officer,
        organization=fed.henan,
        model_worker=worker,
        programme="warmth",
        fund_source="upper",
        amount_fen=300000,
        given_date=DAY,
    )
    services.reverse_relief(by=fed.officer, record=record, note="金额录错")
    batch = services.plan_batch(
        by=fed.officer,
        organization=fed.henan,
        name="春节送温暖",
        fund_source="upper",
        budget_fen=1_000_000,
        planned_date=DAY,
    )
    services.add_to_batch(
        by=fed.officer, batch=batch, archive_ids=[a.pk for a in archives], amount_fen=60000
    )
    services.approve_batch(by=fed.officer, batch=batch)
    services.pay_batch(by=fed.officer, batch=batch, paid_date=DAY)


def test_the_kept_tallies_equal_a_rebuild(fed):
    _activity(fed)
    kept = _snapshot()
    assert kept
    tallies.rebuild()
    assert _snapshot() == kept


def _figures(stats):
    return (
        stats.headline,
        [vars(p) for p in stats.programmes],
        stats.by_fund,
        [(child.pk, n, amount) for child, n, amount in stats.rows],
    )


@pytest.mark.parametrize("who", ["province_admin", "officer", "city_admin", "sysadmin"])
def test_statistics_from_the_tallies_equal_those_from_the_records(fed, who, monkeypatch):
    _activity(fed)
    user = getattr(fed, who)
    org = fed.henan if who != "city_admin" else fed.zhengzhou
    periods = [(None, None), (dt.date(2026, 1, 1), dt.date(2026, 1, 31))]
    for start, end in periods:
        assert selectors._tally_path(user, org, start, end) == org.path
        fast = selectors.assistance_statistics(user, organization=org, start=start, end=end)
        monkeypatch.setattr(selectors, "_tally_path", lambda *a: None)
        slow = selectors.assistance_statistics(user, organization=org, start=start, end=end)
        monkeypatch.undo()
        assert _figures(fast) == _figures(slow)
    stats = selectors.assistance_statistics(user, organization=org)
    assert stats.programme("medical").amount_fen == 0  # recorded, then reversed
    assert stats.programme("warmth").amount_fen == 180000 + (300000 if who != "city_admin" else 0)


def test_a_part_month_or_a_grassroots_union_is_counted_from_the_records(fed):
    assert selectors._tally_path(fed.province_admin, fed.henan, DAY, None) is None
    assert selectors._tally_path(fed.grassroots_admin, fed.grassroots, None, None) is None
    # A subtree the user does not see whole is never read from the tallies.
    assert selectors._tally_path(fed.outsider, fed.henan, None, None) is None


def test_generated_relief_rows_read_like_recorded_ones_and_rebuild_into_the_tallies(fed):
    import random

    from gonghui.assistance.generation import generate_relief
    from gonghui.assistance.models import ReliefRecord

    archives = [
        make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE) for _ in range(3)
    ]
    made = generate_relief(
        archive_ids=[a.pk for a in archives],
        per_archive=4,
        rng=random.Random(3),
        start=DAY,
        days=30,
    )
    assert made == ReliefRecord.objects.count() == 12
    for record in ReliefRecord.objects.select_related("archive"):
        assert record.archive.organization_id == record.organization_id
        assert record.org_path == fed.grassroots.path
        assert DAY <= record.given_date < DAY + dt.timedelta(days=30)
        assert record.amount_fen > 0 and record.headcount == 1 and record.created_at
        assert (record.goods, record.note, record.batch_id) == ("", "", None)
    tallies.rebuild()
    stats = selectors.assistance_statistics(fed.officer, organization=fed.henan)
    assert sum(p.records for p in stats.programmes) == 12
