"""Reads of the assistance app: scoped lists and searches, detail pages, the audit trail of a
household, batch lists and files, statistics, and export rows."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import idcard, privacy
from gonghui.core.chinese import is_pinyin_query, to_simplified
from gonghui.core.models import AuditEntry
from gonghui.exports import services as export_services
from gonghui.organizations.models import Organization
from gonghui.organizations.scoping import DataScope, scope_of
from gonghui.people.models import Person

from . import encryption, tallies
from .models import (
    Archive,
    Batch,
    BatchEntry,
    Beneficiary,
    Enterprise,
    FundSource,
    HardshipReason,
    ModelWorker,
    Programme,
    ReliefRecord,
    ReliefTally,
    Tier,
)
from .permissions import SENSITIVE, VIEW, verbs_for
from .workflow import OPEN_STATUSES, Status

# --- Archives -------------------------------------------------------------------------------


@dataclass
class ArchiveFilter:
    q: str = ""
    status: str = ""
    tier: str = ""
    reason: str = ""
    organization: Organization | None = None
    overdue: bool = False


def search_q(query: str, *, user) -> Q:
    """Name prefix, pinyin initials prefix (zjh → 张建华), archive number, or a full ID number
    (through the blind index; it needs the sensitive permission, spends the lookup budget and
    is audited, as a full number finds its owner)."""
    query = to_simplified((query or "").strip())
    if not query:
        return Q()
    number = idcard.normalize_id_number(query)
    if len(number) == 18 and number[:17].isdigit():
        privacy.exact_lookup(
            by=user, kind="id_number", value=number, label=_("身份证号"), permission=SENSITIVE
        )
        return Q(id_hash=encryption.blind_index(number))
    if query.upper().startswith("KN") and query[2:].isdigit():
        return Q(number=query.upper())
    if is_pinyin_query(query):
        return Q(name_initials__prefix=query.lower())
    return Q(worker_name__prefix=query)


def archives_for_user(user, filters: ArchiveFilter | None = None):
    filters = filters or ArchiveFilter()
    # Over a national, provincial or city union nearly every archive is in scope: walking the
    # newest first and checking the path beats reading the path index and sorting them all.
    anchor = filters.organization or (user.organization if user.organization_id else None)
    broad = anchor is None or tallies.covers(anchor)
    qs = Archive.objects.visible_to(user, within=filters.organization, indexed=not broad)
    if filters.status in Status.values:
        qs = qs.filter(status=filters.status)
    elif filters.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    if filters.tier in Tier.values:
        qs = qs.filter(tier=filters.tier)
    if filters.reason:
        qs = qs.filter(reasons__code=filters.reason)
    if filters.overdue:
        qs = qs.overdue(timezone.localdate())
    if filters.q:
        qs = qs.filter(search_q(filters.q, user=user))
    return qs.select_related("organization").order_by("-pk")


def get_archive_for_user(user, pk, *, for_write: bool = False) -> Archive:
    try:
        archive = (
            Archive.objects.visible_to(user)
            .select_related("organization", "created_by", "tier_confirmed_by")
            .get(pk=pk)
        )
    except (Archive.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("档案不存在或无权访问")) from exc
    if for_write and not verbs_for(user):
        raise Http404(_("档案不存在或无权访问"))
    return archive


def archives_of_person(user, person) -> list[Archive]:
    """The archives of a person that the user may see (scope and permission), for the block
    on the person's page; nothing at all for a user without the permission."""
    if not user.has_perm(VIEW):
        return []
    return list(
        Archive.objects.visible_to(user)
        .filter(person=person)
        .select_related("organization")
        .only(
            "pk",
            "number",
            "status",
            "tier",
            "established_date",
            "review_due_date",
            "exited_date",
            "organization__name",
        )
        .order_by("-pk")[:20]
    )


def person_of_archive(user, archive: Archive):
    """The worker's record in the people register, when the user may open it."""
    if archive.person_id is None:
        return None
    return Person.objects.visible_to(user).filter(pk=archive.person_id).only("pk", "name").first()


def archive_members(archive: Archive):
    return list(archive.members.all())


def archive_reasons(archive: Archive):
    return list(archive.reasons.all())


def history_of(archive: Archive):
    return archive.history.select_related("by").order_by("at", "pk")


def attachments_of(archive: Archive):
    return archive.attachments.select_related("uploaded_by").order_by("pk")


def get_attachment_for_user(user, archive_pk, attachment_pk):
    archive = get_archive_for_user(user, archive_pk)
    attachment = archive.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("文件不存在"))
    return attachment


def relief_of(archive: Archive):
    return archive.relief.select_related("batch").order_by("-given_date", "-pk")[:50]


SENSITIVE_ACTIONS = [privacy.REVEAL_ACTION, export_services.UNMASKED_EXPORT_ACTION]


def sensitive_reads_of(archive: Archive):
    """Who saw this household's data: every unmasking, sensitive export and batch file."""
    return AuditEntry.objects.filter(
        target_type="assistance.archive",
        target_id=str(archive.pk),
        action__in=SENSITIVE_ACTIONS,
    ).order_by("-at", "-id")


def reasons_choices():
    return list(HardshipReason.objects.filter(is_active=True).values_list("code", "name"))


def overdue_count(user) -> int:
    return Archive.objects.visible_to(user).overdue(timezone.localdate()).count()


# --- Batches ------------------------------------------------------------------------------


def batches_for_user(user):
    return Batch.objects.visible_to(user).select_related("organization").order_by("-pk")


def get_batch_for_user(user, pk) -> Batch:
    try:
        return Batch.objects.visible_to(user).select_related("organization").get(pk=pk)
    except (Batch.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("发放批次不存在或无权访问")) from exc


def batch_entries(batch: Batch):
    return (
        BatchEntry.objects.filter(batch=batch)
        .select_related("archive__organization")
        .order_by("pk")
    )


def batch_history(batch: Batch):
    return batch.history.select_related("by").order_by("at", "pk")


def batch_candidates(user, batch: Batch, *, tier: str = "", reason: str = "", organization=None):
    """Archive ids in 在档 within the batch's subtree (narrowed to `organization`), in the
    user's scope, not yet on the batch."""
    within = organization if organization is not None else batch.organization
    if not within.path.startswith(batch.org_path):
        return []
    qs = Archive.objects.visible_to(user, within=within).filter(status=Status.ACTIVE)
    if tier in Tier.values:
        qs = qs.filter(tier=tier)
    if reason:
        qs = qs.filter(reasons__code=reason)
    on_batch = BatchEntry.objects.filter(batch=batch).values("archive_id")
    return list(qs.exclude(pk__in=on_batch).values_list("pk", flat=True).distinct())


SIGNED_HEADERS = [
    "序号",
    "档案编号",
    "姓名",
    "所属工会",
    "困难类别",
    "金额（元）",
    "签收人",
    "签收日期",
]
BANK_HEADERS = ["序号", "户名", "开户银行", "银行账号", "金额（元）", "用途"]


def signed_list_rows(batch: Batch):
    """签收表: the recipient signs against their own name, so the full name is printed; no ID
    number or account is on it. Plain tuples streamed from the database, never model
    instances: a list of 20 000 households keeps one chunk in memory."""
    tiers = {code: str(label) for code, label in Tier.choices}
    entries = (
        BatchEntry.objects.filter(batch=batch)
        .order_by("pk")
        .values_list(
            "amount_fen", "archive__number", "archive__worker_name", "archive__tier",
            "archive__organization__name",
        )
    )  # fmt: skip
    for i, (fen, number, name, tier, union) in enumerate(
        entries.iterator(chunk_size=2000), start=1
    ):
        yield [i, number, name, union, tiers.get(tier, ""), fen / 100, "", ""]


def bank_file_rows(batch: Batch):
    """The bank transfer file: account holder, bank, full account number and amount (the
    account decrypted one row at a time as the rows stream)."""
    entries = (
        BatchEntry.objects.filter(batch=batch)
        .order_by("pk")
        .values_list(
            "amount_fen", "archive__worker_name", "archive__bank_name", "archive__bank_account"
        )
    )
    for i, (fen, name, bank, account) in enumerate(entries.iterator(chunk_size=2000), start=1):
        yield [i, name, bank, account, fen / 100, batch.name]


def batch_archive_ids(batch: Batch):
    return BatchEntry.objects.filter(batch=batch).values_list("archive_id", flat=True)


# --- Relief, enterprises, model workers ---------------------------------------------------


@dataclass
class ReliefFilter:
    programme: str = ""
    fund_source: str = ""
    organization: Organization | None = None
    start: dt.date | None = None
    end: dt.date | None = None


def relief_for_user(user, filters: ReliefFilter | None = None):
    filters = filters or ReliefFilter()
    qs = ReliefRecord.objects.visible_to(user, within=filters.organization)
    if filters.programme in Programme.values:
        qs = qs.filter(programme=filters.programme)
    if filters.fund_source in FundSource.values:
        qs = qs.filter(fund_source=filters.fund_source)
    if filters.start:
        qs = qs.filter(given_date__gte=filters.start)
    if filters.end:
        qs = qs.filter(given_date__lte=filters.end)
    return qs.select_related(
        "organization", "archive", "model_worker", "enterprise", "batch"
    ).order_by("-given_date", "-pk")


def get_relief_for_user(user, pk) -> ReliefRecord:
    try:
        return ReliefRecord.objects.visible_to(user).select_related("organization").get(pk=pk)
    except (ReliefRecord.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("帮扶记录不存在或无权访问")) from exc


def enterprises_for_user(user):
    return (
        Enterprise.objects.visible_to(user)
        .select_related("organization")
        .annotate(num_visits=Count("relief"))
        .order_by("org_path", "name")
    )


def get_enterprise_for_user(user, pk) -> Enterprise:
    try:
        return Enterprise.objects.visible_to(user).get(pk=pk)
    except (Enterprise.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("困难企业不存在或无权访问")) from exc


def model_workers_for_user(user, *, needy_only: bool = False, level: str = ""):
    qs = ModelWorker.objects.visible_to(user).select_related("organization")
    if needy_only:
        qs = qs.exclude(income_band=ModelWorker.IncomeBand.NORMAL)
    if level in ModelWorker.Level.values:
        qs = qs.filter(level=level)
    return qs.order_by("org_path", "name")


def get_model_worker_for_user(user, pk) -> ModelWorker:
    try:
        return ModelWorker.objects.visible_to(user).get(pk=pk)
    except (ModelWorker.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("劳模档案不存在或无权访问")) from exc


# --- Statistics ------------------------------------------------------------------------------


@dataclass
class ProgrammeFigures:
    programme: str
    label: str
    headcount: int = 0
    amount_fen: int = 0
    goods_value_fen: int = 0
    records: int = 0


@dataclass
class AssistanceStatistics:
    organization: Organization | None
    start: dt.date | None
    end: dt.date | None
    fund_source: str
    programmes: list[ProgrammeFigures]
    warmth: dict  # beneficiary → {headcount, amount_fen}
    model_workers: dict  # level → {headcount, amount_fen}
    by_fund: list  # (label, amount_fen)
    archives_by_tier: list  # (label, count)
    archives_by_reason: list  # (label, count)
    rows: list = field(default_factory=list)  # (Organization, headcount, amount_fen)
    open_archives: int = 0
    overdue: int = 0

    def programme(self, code: str) -> ProgrammeFigures:
        return next(p for p in self.programmes if p.programme == code)

    @property
    def headline(self) -> dict:
        """The figures a year-end report states (seed 004), by name."""
        warmth = self.warmth
        mw = self.model_workers
        return {
            "enterprises_visited": warmth.get(Beneficiary.ENTERPRISE, {}).get("headcount", 0),
            "households_visited": warmth.get(Beneficiary.HOUSEHOLD, {}).get("headcount", 0),
            # 慰问金 of households and enterprises; 劳模 慰问 is counted on its own below.
            "warmth_cash_fen": sum(
                warmth.get(kind, {}).get("amount_fen", 0)
                for kind in (Beneficiary.HOUSEHOLD, Beneficiary.ENTERPRISE, Beneficiary.WORKER)
            ),
            "warmth_goods_fen": self.programme(Programme.WARMTH).goods_value_fen,
            "warmth_people": self.programme(Programme.WARMTH).headcount,
            "education_fen": self.programme(Programme.EDUCATION).amount_fen,
            "education_students": self.programme(Programme.EDUCATION).headcount,
            "trained": self.programme(Programme.TRAINING).headcount,
            "mutual_aid_enrolled": self.programme(Programme.MUTUAL_AID).headcount,
            "women_covered": self.programme(Programme.WOMEN_COVER).headcount,
            "tickets": self.programme(Programme.TICKETS).headcount,
            "model_worker_national": mw.get(ModelWorker.Level.NATIONAL, {}).get("headcount", 0),
            "model_worker_provincial": mw.get(ModelWorker.Level.PROVINCIAL, {}).get("headcount", 0),
            "model_worker_city": mw.get(ModelWorker.Level.CITY, {}).get("headcount", 0),
            "model_worker_warmth_fen": sum(v.get("amount_fen", 0) for v in mw.values()),
            "mw_living_people": self.programme(Programme.MW_LIVING).headcount,
            "mw_living_fen": self.programme(Programme.MW_LIVING).amount_fen,
            "mw_special_people": self.programme(Programme.MW_SPECIAL).headcount,
            "mw_special_fen": self.programme(Programme.MW_SPECIAL).amount_fen,
        }


def _sum(name):
    return Coalesce(Sum(name), 0)


def _accumulate(into: dict, key, row: dict, figures) -> None:
    target = into.setdefault(key, dict.fromkeys(figures, 0))
    for name in figures:
        target[name] += row[name] or 0


def _tally_path(user, organization, start, end) -> str | None:
    """The subtree whose statistics the monthly tallies answer exactly: a subtree at the top
    levels of the tree that the user sees whole, over whole months."""
    if not tallies.covers(organization):
        return None
    if start and start.day != 1:
        return None
    if end and (end + dt.timedelta(days=1)).day != 1:
        return None
    scope = scope_of(user)
    if scope is None:
        return None
    if scope.data_scope == DataScope.ALL or (
        scope.data_scope == DataScope.SUBTREE
        and scope.org_path
        and organization.path.startswith(scope.org_path)
    ):
        return organization.path
    return None


def assistance_statistics(
    user,
    *,
    organization: Organization | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    fund_source: str = "",
    programme: str = "",
    breakdown: bool = True,
) -> AssistanceStatistics:
    """Totals by programme, 送温暖 by beneficiary, 劳模 慰问 by level, by fund source, archives
    by tier and reason, and per child organisation; a fixed number of grouped queries. Without
    `breakdown` (the API's figures) the archives by reason and the child rows are left out."""
    if organization is None and user.organization_id:
        organization = user.organization
    qs = ReliefRecord.objects.visible_to(user, within=organization)
    if start:
        qs = qs.filter(given_date__gte=start)
    if end:
        qs = qs.filter(given_date__lte=end)
    if fund_source in FundSource.values:
        qs = qs.filter(fund_source=fund_source)
    if programme in Programme.values:
        qs = qs.filter(programme=programme)
    sums = {
        "headcount": _sum("headcount"),
        "amount_fen": _sum("amount_fen"),
        "goods_value_fen": _sum("goods_value_fen"),
    }
    tally_path = _tally_path(user, organization, start, end)
    keys = ("programme", "beneficiary", "fund_source", "level")
    if tally_path is not None:
        # Whole months of a subtree kept in the tallies: a few thousand rows, not a million.
        tally = ReliefTally.objects.filter(scope_path=tally_path)
        if start:
            tally = tally.filter(month__gte=start)
        if end:
            tally = tally.filter(month__lte=end.replace(day=1))
        if fund_source in FundSource.values:
            tally = tally.filter(fund_source=fund_source)
        if programme in Programme.values:
            tally = tally.filter(programme=programme)
        grouped = list(
            tally.values(*keys)
            .annotate(records=_sum("records"), **{k: _sum(k) for k in sums})
            .order_by()
        )
    else:
        grouped = list(
            qs.annotate(level=Coalesce("model_worker__level", Value("")))
            .values(*keys)
            .annotate(records=Count("pk"), **sums)
            .order_by()
        )
    figures = ("records", *sums)
    per_programme: dict = {}
    warmth: dict = {}
    model_workers: dict = {}
    per_fund: dict = {}
    for row in grouped:
        _accumulate(per_programme, row["programme"], row, figures)
        _accumulate(per_fund, row["fund_source"], row, figures)
        if row["programme"] == Programme.WARMTH:
            _accumulate(warmth, row["beneficiary"], row, figures)
            if row["beneficiary"] == Beneficiary.MODEL_WORKER and row["level"]:
                _accumulate(model_workers, row["level"], row, figures)
    programmes = [
        ProgrammeFigures(
            code,
            str(label),
            **{k: per_programme.get(code, {}).get(k, 0) for k in figures},
        )
        for code, label in Programme.choices
    ]
    by_fund = [
        (str(FundSource(code).label), row["amount_fen"] + row["goods_value_fen"])
        for code, row in sorted(per_fund.items())
    ]
    counts = _archive_counts(user, organization, whole=tally_path is not None, reasons=breakdown)
    archives_by_tier = [(str(label), counts["tiers"].get(code, 0)) for code, label in Tier.choices]
    names = dict(HardshipReason.objects.values_list("pk", "name")) if breakdown else {}
    by_reason = {names[pk]: n for pk, n in counts["reasons"].items() if pk in names}
    archives_by_reason = sorted(by_reason.items(), key=lambda kv: -kv[1])
    rows = []
    if organization is not None and breakdown:
        children = list(
            Organization.objects.filter(parent=organization).order_by("sort_order", "name")
        )
        if children and tally_path is not None:
            per_child = {
                row["branch"]: row
                for row in tally.exclude(branch="")
                .values("branch")
                .annotate(**{k: _sum(k) for k in sums})
                .order_by()
            }
        elif children:
            width = len(children[0].path)
            per_child = {
                row["branch"]: row
                for row in qs.exclude(organization=organization)
                .annotate(branch=Substr("org_path", 1, width))
                .values("branch")
                .annotate(**sums)
                .order_by()
            }
        if children:
            for child in children:
                child_sums = per_child.get(child.path)
                if child_sums:
                    rows.append(
                        (
                            child,
                            child_sums["headcount"],
                            child_sums["amount_fen"] + child_sums["goods_value_fen"],
                        )
                    )
    return AssistanceStatistics(
        organization=organization,
        start=start,
        end=end,
        fund_source=fund_source,
        programmes=programmes,
        warmth=warmth,
        model_workers=model_workers,
        by_fund=by_fund,
        archives_by_tier=archives_by_tier,
        archives_by_reason=archives_by_reason,
        rows=rows,
        open_archives=counts["open"],
        overdue=counts["overdue"],
    )


# How long the archive counts of a whole national, provincial or city subtree are reused.
ARCHIVE_COUNTS_SECONDS = 60


def _archive_counts(user, organization, *, whole: bool, reasons: bool) -> dict:
    """Archives by status and tier (open, overdue and 在档 by tier) in one grouped scan of the
    (org_path, status, tier, review_due_date) index, and 在档 archives by reason. For a whole
    top-level subtree (`whole`: the same for every user who sees it) they are counted once a
    minute: they do not depend on the period, and a province's 100 000 archives cost two scans
    of its subtree that the relief figures, read from the monthly tallies, no longer need."""
    key = f"assistance:archive-counts:{organization.path}:{int(reasons)}" if whole else None
    if key and (found := cache.get(key)) is not None:
        return found
    archives = Archive.objects.visible_to(user, within=organization)
    today = timezone.localdate()
    counts = {"open": 0, "overdue": 0, "tiers": {}, "reasons": {}}
    for row in (
        archives.values("status", "tier")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(review_due_date__lt=today)))
        .order_by()
    ):
        if row["status"] in OPEN_STATUSES:
            counts["open"] += row["n"]
        if row["status"] == Status.ACTIVE:
            counts["overdue"] += row["late"]
            counts["tiers"][row["tier"]] = counts["tiers"].get(row["tier"], 0) + row["n"]
    if reasons:
        counts["reasons"] = dict(
            archives.filter(status=Status.ACTIVE)
            .values_list("reasons")
            .annotate(n=Count("pk"))
            .order_by()
        )
    if key:
        cache.set(key, counts, ARCHIVE_COUNTS_SECONDS)
    return counts


def period_figures(user, *, start: dt.date, end: dt.date) -> dict | None:
    """The dashboard's figures for the user's scope over a period, in one query: money paid
    (cash of every programme), households visited with 送温暖, students helped by 金秋助学,
    enterprises visited. None for a user who may not see relief records."""
    if not user.has_perm("assistance.view_reliefrecord"):
        return None
    warmth = Q(programme=Programme.WARMTH)
    figures = {
        "paid_fen": _sum("amount_fen"),
        "households": Coalesce(
            Sum("headcount", filter=warmth & Q(beneficiary=Beneficiary.HOUSEHOLD)), 0
        ),
        "enterprises": Coalesce(
            Sum("headcount", filter=warmth & Q(beneficiary=Beneficiary.ENTERPRISE)), 0
        ),
        "students": Coalesce(Sum("headcount", filter=Q(programme=Programme.EDUCATION)), 0),
    }
    organization = user.organization if user.organization_id else None
    tally_path = _tally_path(user, organization, start, end)
    if tally_path is not None:  # whole months of a large subtree: the monthly tallies
        return ReliefTally.objects.filter(
            scope_path=tally_path, month__gte=start, month__lte=end.replace(day=1)
        ).aggregate(**figures)
    return (
        ReliefRecord.objects.visible_to(user)
        .filter(given_date__gte=start, given_date__lte=end)
        .aggregate(**figures)
    )


# --- Export rows ------------------------------------------------------------------------------

ARCHIVE_HEADERS = [
    "档案编号",
    "姓名",
    "身份证号",
    "联系电话",
    "所属工会",
    "家庭人口",
    "家庭月收入（元）",
    "困难类别",
    "状态",
    "复核到期日",
    "开户银行",
    "银行账号",
]


def archive_export_rows(qs, *, unmasked: bool):
    for a in qs.iterator(chunk_size=2000):
        income = int(a.monthly_income or 0) / 100
        yield [
            a.number,
            a.worker_name if unmasked else a.worker_name_masked,
            a.id_number if unmasked else a.id_number_masked,
            a.phone if unmasked else a.phone_masked,
            a.organization.name,
            a.household_size,
            income if unmasked else "***",
            a.get_tier_display(),
            a.get_status_display(),
            a.review_due_date,
            a.bank_name,
            a.bank_account if unmasked else a.bank_account_masked,
        ]


SENSITIVE_EXPORT_LIMIT = 20000


def sensitive_archive_export(user, filters: ArchiveFilter):
    """The ids of the archives a full-value export holds (at most SENSITIVE_EXPORT_LIMIT, so the
    audit entries stay bounded) and the rows, unmasked."""
    qs = archives_for_user(user, filters)
    ids = list(qs.values_list("pk", flat=True)[:SENSITIVE_EXPORT_LIMIT])
    return ids, archive_export_rows(qs.filter(pk__in=ids), unmasked=True)


RELIEF_HEADERS = [
    "日期",
    "帮扶项目",
    "帮扶对象",
    "对象类型",
    "所属组织",
    "资金来源",
    "金额（元）",
    "物资价值（元）",
    "人数（人次）",
    "经办人",
    "备注",
]


def _beneficiary_label(r: ReliefRecord) -> str:
    if r.archive_id:
        return r.archive.worker_name_masked
    if r.model_worker_id:
        return privacy.mask_name(r.model_worker.name)
    if r.enterprise_id:
        return r.enterprise.name
    return ""


def relief_export_rows(qs, *, unmasked: bool):
    for r in qs.iterator(chunk_size=2000):
        yield [
            r.given_date,
            r.get_programme_display(),
            _beneficiary_label(r),
            r.get_beneficiary_display(),
            r.organization.name,
            r.get_fund_source_display(),
            r.amount_fen / 100,
            r.goods_value_fen / 100,
            r.headcount,
            r.handed_over_by,
            r.note,
        ]


def beneficiary_label(record: ReliefRecord) -> str:
    return _beneficiary_label(record)
