"""Every allowed and refused transition of an archive, with the right persona for each step."""

import pytest

from gonghui.assistance import services
from gonghui.assistance.workflow import Status
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.testing import assert_verb

from .factories import make_archive

pytestmark = pytest.mark.django_db

S = Status
# The test's own table: verb → (allowed sources, target). Not imported from production.
EXPECTED = {
    "submit": ({S.DRAFT, S.RETURNED}, S.SUBMITTED),
    "review": ({S.SUBMITTED}, S.REVIEWED),
    "approve": ({S.REVIEWED}, S.APPROVED),
    "return": ({S.SUBMITTED, S.REVIEWED, S.APPROVED}, S.RETURNED),
    "establish": ({S.APPROVED}, S.ACTIVE),
    "recheck": ({S.ACTIVE}, S.ACTIVE),
    "exit": ({S.ACTIVE}, S.EXITED),
    "withdraw": ({S.DRAFT, S.RETURNED}, S.WITHDRAWN),
}


def _run(verb, archive, fed):
    by = fed.officer  # holds every verb's permission, at the province
    calls = {
        "submit": lambda: services.submit_archive(archive=archive, by=by),
        "review": lambda: services.review_archive(archive=archive, by=by),
        "approve": lambda: services.approve_archive(archive=archive, by=by),
        "return": lambda: services.return_archive(archive=archive, by=by, note="材料不全"),
        "establish": lambda: services.establish_archive(archive=archive, by=by, tier="deep"),
        "recheck": lambda: services.recheck_archive(archive=archive, by=by),
        "exit": lambda: services.exit_archive(archive=archive, by=by, reason="employed"),
        "withdraw": lambda: services.withdraw_archive(archive=archive, by=by),
    }
    return calls[verb]


@pytest.mark.parametrize("verb", sorted(EXPECTED))
@pytest.mark.parametrize("source", [s for s in Status.values])
def test_each_verb_from_each_status(fed, verb, source):
    sources, target = EXPECTED[verb]
    # A fresh worker each time: the province-wide duplicate rule must not interfere.
    archive = make_archive(fed.grassroots_admin, fed.grassroots, status=source)
    assert_verb(
        _run(verb, archive, fed),
        archive,
        source=source,
        target=target if source in sources else None,
    )


def test_the_full_path_with_the_right_personas_writes_one_history_row_per_step(fed):
    archive = make_archive(fed.grassroots_admin, fed.grassroots)
    services.submit_archive(archive=archive, by=fed.grassroots_admin)
    services.review_archive(archive=archive, by=fed.grassroots_admin, note="情况属实")
    services.approve_archive(archive=archive, by=fed.city_admin)
    services.establish_archive(archive=archive, by=fed.officer)
    archive.refresh_from_db()
    assert archive.status == Status.ACTIVE
    assert archive.tier == archive.proposed_tier != ""
    assert archive.tier_confirmed_by == fed.officer
    assert archive.review_due_date.year == archive.established_date.year + 1
    verbs = list(archive.history.values_list("verb", flat=True))
    assert verbs == ["enter", "submit", "review", "approve", "establish"]


def test_the_grassroots_union_cannot_approve_its_own_archive(fed):
    archive = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.REVIEWED)
    with pytest.raises(PermissionDenied):
        services.approve_archive(archive=archive, by=fed.grassroots_admin)


def test_a_province_requiring_city_approval_refuses_a_county_approver(fed):
    from gonghui.assistance.models import RegionSetting
    from gonghui.testing import make_user

    RegionSetting.objects.create(province=fed.henan, approval_level="city")
    county = make_user("county", org=fed.jinshui, role=fed.roles["campaign_admin"])
    archive = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.REVIEWED)
    with pytest.raises(PermissionDenied, match="市总工会"):
        services.approve_archive(archive=archive, by=county)
    services.approve_archive(archive=archive, by=fed.city_admin)
    archive.refresh_from_db()
    assert archive.status == Status.APPROVED


def test_return_needs_a_comment(fed):
    archive = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.SUBMITTED)
    with pytest.raises(ValidationFailed):
        services.return_archive(archive=archive, by=fed.officer, note=" ")
    services.return_archive(archive=archive, by=fed.officer, note="收入证明缺失")
    assert archive.history.last().note == "收入证明缺失"


def test_relocation_moves_the_archive_to_the_new_employer_union(fed):
    from gonghui.testing import make_org

    new_union = make_org("郑州新华印刷厂工会", parent=fed.jinshui)
    archive = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE)
    services.relocate_archive(archive=archive, by=fed.officer, organization=new_union)
    archive.refresh_from_db()
    assert archive.organization == new_union
    assert archive.org_path == new_union.path
    assert archive.status == Status.ACTIVE
    assert archive.history.last().verb == "relocate"


def test_relocation_outside_the_province_is_refused(fed):
    archive = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE)
    with pytest.raises((ValidationFailed, PermissionDenied)):
        services.relocate_archive(
            archive=archive, by=fed.sysadmin, organization=fed.loudi_grassroots
        )


def test_the_rules_propose_the_tier_from_income_and_reasons(fed):
    deep = make_archive(
        fed.grassroots_admin, fed.grassroots, monthly_income_fen=150000, household_size=3
    )  # 500 元/人 ≤ 750
    relative = make_archive(
        fed.grassroots_admin,
        fed.grassroots,
        monthly_income_fen=360000,
        household_size=3,
        reasons=["unemployment"],
    )  # 1200 元/人 ≤ 2 × 750
    accident = make_archive(
        fed.grassroots_admin, fed.grassroots, monthly_income_fen=900000, reasons=["accident"]
    )
    none = make_archive(
        fed.grassroots_admin, fed.grassroots, monthly_income_fen=900000, reasons=["unemployment"]
    )
    assert (deep.proposed_tier, relative.proposed_tier) == ("deep", "relative")
    assert (accident.proposed_tier, none.proposed_tier) == ("accident", "")


def test_a_province_with_its_own_rules_uses_them_instead_of_the_defaults(fed):
    from gonghui.assistance.models import TierRule

    TierRule.objects.create(province=fed.henan, tier="relative", priority=1, max_income_percent=500)
    archive = make_archive(fed.grassroots_admin, fed.grassroots, monthly_income_fen=150000)
    assert archive.proposed_tier == "relative"


def test_overdue_reviews_are_listed(fed):
    import datetime as dt

    from gonghui.assistance.models import Archive
    from gonghui.assistance.selectors import ArchiveFilter, archives_for_user

    due = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE)
    fine = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE)
    Archive.objects.filter(pk=due.pk).update(review_due_date=dt.date(2020, 1, 1))
    Archive.objects.filter(pk=fine.pk).update(review_due_date=dt.date(2099, 1, 1))
    listed = list(archives_for_user(fed.officer, ArchiveFilter(overdue=True)))
    assert listed == [due]
