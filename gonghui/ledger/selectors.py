"""Reads of the ledger: entries in scope, one entry with its versions, the monthly meeting."""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from gonghui.campaigns import selectors as campaign_selectors
from gonghui.campaigns.models import Assignment
from gonghui.core.exceptions import ValidationFailed
from gonghui.organizations.models import Department, Organization

from . import sources
from .models import (
    EvidenceFile,
    EvidenceItem,
    EvidenceLink,
    EvidenceTransition,
    EvidenceVersion,
    LedgerExport,
    MonthlyReport,
)
from .workflow import Status


def get_item_for_user(user, pk) -> EvidenceItem:
    try:
        return (
            EvidenceItem.objects.visible_to(user)
            .select_related("assignment", "indicator", "campaign", "current_version")
            .get(pk=pk)
        )
    except (EvidenceItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("台账资料不存在或无权访问")) from exc


def get_file_for_user(user, pk) -> EvidenceFile:
    found = EvidenceFile.objects.select_related("version").filter(pk=pk).first()
    if found is None:
        raise Http404(_("文件不存在或无权访问"))
    get_item_for_user(user, found.version.item_id)
    return found


def get_link_for_user(user, pk) -> EvidenceLink:
    found = EvidenceLink.objects.select_related("version").filter(pk=pk).first()
    if found is None:
        raise Http404(_("截图不存在"))
    get_item_for_user(user, found.version.item_id)
    return found


def item_for_assignment(assignment) -> EvidenceItem | None:
    return (
        EvidenceItem.objects.select_related("current_version").filter(assignment=assignment).first()
    )


def versions_of(item: EvidenceItem) -> list[EvidenceVersion]:
    return list(
        item.versions.order_by("-number")
        .select_related("submitted_by")
        .prefetch_related(
            "files",
            "links",
            Prefetch("history", queryset=EvidenceTransition.objects.select_related("by")),
        )
    )


def activities_for(indicator, user) -> list:
    """Activities tagged to the indicator, when the activities app is installed."""
    if not apps.is_installed("gonghui.activities"):
        return []
    try:  # optional: the activities app may not be installed
        from gonghui.activities.selectors import activities_for_indicator
    except ImportError:
        return []
    return list(activities_for_indicator(indicator=indicator, user=user)[:50])


@dataclass(frozen=True)
class RecordOffer:
    """One evidence source's records for a task, as its page offers them to attach."""

    source: sources.EvidenceSource
    rows: list[sources.EvidenceRow]


def campaign_period(campaign) -> tuple[dt.date, dt.date]:
    """The span records are taken from: the campaign's start (or its year's first day) to its
    assessment date."""
    start = campaign.start_date or dt.date(campaign.year, 1, 1)
    return start, max(start, campaign.assessment_date)


def platform_records(assignment, user) -> list[RecordOffer]:
    """Records other apps keep for the task's unit in the campaign's period, from the sources
    its indicator asks for (none asked: no query)."""
    asked = sources.sources_for(assignment.indicator)
    if not asked:
        return []
    start, end = campaign_period(assignment.campaign)
    return [
        RecordOffer(
            source,
            list(
                source.rows(user=user, organization=assignment.organization, start=start, end=end)[
                    : sources.MAX_ROWS
                ]
            ),
        )
        for source in asked
    ]


def find_record(assignment, user, *, source_key: str, url: str) -> sources.EvidenceRow | None:
    """The record a posted choice names, looked up again in the user's scope (the title and
    figures posted are never trusted)."""
    for offer in platform_records(assignment, user):
        if offer.source.key == source_key:
            return next((row for row in offer.rows if row.url == url), None)
    return None


def ledger_entries(campaign, user, *, status: str = "", department_id=None):
    """The campaign's tasks in scope with their ledger entry (one query, joined)."""
    qs = (
        Assignment.objects.visible_to(user)
        .filter(campaign=campaign)
        .select_related("indicator", "department", "organization", "evidence")
        .order_by("indicator_position", "org_path", "department_id", "pk")
    )
    if status:
        qs = qs.filter(status=status)
    if department_id:
        qs = qs.filter(department_id=department_id)
    return qs


def unit_evidence(campaign, user, organization, department):
    """The unit's own ledger entries in the campaign that the user may see (a unit has at most
    one entry per indicator, so the list is bounded by the framework)."""
    qs = EvidenceItem.objects.visible_to(user).filter(campaign=campaign, organization=organization)
    return qs.filter(department=department) if department else qs.filter(department=None)


def evidence_choices(campaign, user, organization, department) -> list[EvidenceItem]:
    qs = unit_evidence(campaign, user, organization, department)
    return list(qs.select_related("indicator").order_by("indicator__position"))


def unit_activities(user, organization, department):
    """The unit's own activities that the user may see (none without the activities app)."""
    if not apps.is_installed("gonghui.activities"):
        return None
    from gonghui.activities.selectors import activities_for_user  # optional app

    qs = activities_for_user(user).filter(organization=organization)
    return qs.filter(department=department) if department else qs


def activity_choices(user, organization, department, period: str, chosen=()) -> list:
    """What a monthly report may link: the unit's activities held in the month (started in it,
    or started earlier and still running), and those already linked."""
    qs = unit_activities(user, organization, department)
    if qs is None:
        return []
    year, month = (int(x) for x in period.split("-"))
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    in_month = Q(start_date__gte=first, start_date__lte=last) | Q(
        start_date__lt=first, end_date__gte=first
    )
    return list(qs.filter(in_month | Q(pk__in=list(chosen))))


def unit_records(unit: dict) -> tuple[Organization, Department | None]:
    """The organisation and department of a responsible unit (one of `responsible_units`)."""
    organization = Organization.objects.get(pk=unit["organization_id"])
    department_id = unit["department_id"]
    return organization, Department.objects.get(pk=department_id) if department_id else None


def department_of(organization: Organization, pk) -> Department | None:
    """The organisation's own department with this id (None when no id is given); an id that
    names no department of this organisation is refused rather than quietly dropped."""
    if not pk:
        return None
    department = Department.objects.filter(organization=organization, pk=pk).first()
    if department is None:
        raise ValidationFailed(
            _("该组织下没有编号为 %(pk)s 的部门，或不在您的管理范围内") % {"pk": pk},
            field="department_id",
        )
    return department


# --- monthly meeting -------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceTag:
    """A ledger entry linked from a monthly report, as the meeting shows it."""

    pk: int
    code: str
    name: str
    status_label: str


@dataclass
class MeetingRow:
    unit: dict
    report: MonthlyReport | None
    evidence: list[EvidenceTag] = field(default_factory=list)

    @property
    def is_submitted(self) -> bool:
        return self.report is not None and self.report.status in ("submitted", "approved")


def _evidence_tags(report_ids) -> dict[int, list[EvidenceTag]]:
    """The ledger entries linked from the reports, by report: one query over the link table
    returning plain values (no model instances for a page of 50 reports × their entries)."""
    labels = {value: str(label) for value, label in Status.choices}
    links = (
        MonthlyReport.evidence.through.objects.filter(monthlyreport_id__in=report_ids)
        .order_by("monthlyreport_id", "evidenceitem__indicator__position", "evidenceitem_id")
        .values_list(
            "monthlyreport_id",
            "evidenceitem_id",
            "evidenceitem__indicator__code",
            "evidenceitem__indicator__name",
            "evidenceitem__status",
        )
    )
    tags: dict[int, list[EvidenceTag]] = {}
    for report_id, pk, code, name, status in links:
        tags.setdefault(report_id, []).append(EvidenceTag(pk, code, name, labels[status]))
    return tags


def meeting(campaign, period: str, user) -> list[MeetingRow]:
    """Every responsible unit of the campaign in scope, with its report for the month if any."""
    units = campaign_selectors.responsible_units(campaign, user)
    reports = list(
        MonthlyReport.objects.visible_to(user)
        .filter(campaign=campaign, period=period)
        .select_related("reviewed_by")
    )
    tags = _evidence_tags([r.pk for r in reports]) if reports else {}
    by_unit = {(r.organization_id, r.department_id): r for r in reports}
    rows = []
    for u in units:
        report = by_unit.get((u["organization_id"], u["department_id"]))
        rows.append(
            MeetingRow(unit=u, report=report, evidence=tags.get(getattr(report, "pk", None), []))
        )
    return rows


def activity_titles(rows: list[MeetingRow], user) -> dict[int, str]:
    """Titles of the activities linked from the month's reports (one query), if installed."""
    ids = {i for r in rows if r.report for i in r.report.activity_ids}
    if not ids or not apps.is_installed("gonghui.activities"):
        return {}
    from gonghui.activities.selectors import activities_for_user  # optional app

    return dict(activities_for_user(user).filter(pk__in=ids).values_list("pk", "title"))


def report_for_unit(campaign, period, organization, department) -> MonthlyReport | None:
    return (
        MonthlyReport.objects.filter(
            campaign=campaign, period=period, organization=organization, department=department
        )
        .prefetch_related("evidence")
        .first()
    )


def get_report_for_user(user, pk) -> MonthlyReport:
    try:
        return (
            MonthlyReport.objects.visible_to(user)
            .select_related("campaign", "organization", "department")
            .get(pk=pk)
        )
    except (MonthlyReport.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("月度汇报不存在或无权访问")) from exc


def latest_report_period(campaign) -> str | None:
    """The most recent YYYY-MM with a monthly report in this campaign, if any."""
    return (
        MonthlyReport.objects.filter(campaign=campaign)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )


# --- inspector packages ----------------------------------------------------------------


def recent_exports(campaign, *, limit: int = 10) -> list[LedgerExport]:
    return list(LedgerExport.objects.filter(campaign=campaign).order_by("-created_at")[:limit])


def get_export_for_user(user, pk) -> LedgerExport:
    """An inspector package, for those who may manage its campaign; 404 otherwise."""
    export = LedgerExport.objects.select_related("campaign").filter(pk=pk).first()
    if export is None:
        raise Http404(_("导出不存在"))
    campaign_selectors.get_campaign_for_user(user, export.campaign_id, for_write=True)
    return export
