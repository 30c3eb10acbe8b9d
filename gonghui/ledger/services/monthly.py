"""Writes on monthly reports: save, submit, withdraw, and the leaders' comments at the meeting."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, workflow
from gonghui.core.exceptions import PermissionDenied, ValidationFailed

from .. import permissions, selectors
from ..models import MonthlyReport
from ..workflow import REPORT_TRANSITIONS, ReportStatus

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_period(period: str) -> str:
    period = (period or "").strip()
    if not PERIOD.match(period):
        raise ValidationFailed(_("月份格式应为 YYYY-MM，例如 2020-05"), field="period")
    return period


@transaction.atomic
def save_monthly_report(
    *,
    by,
    campaign,
    organization,
    department,
    period: str,
    summary: str,
    evidence_ids=(),
    activity_ids=(),
    submit: bool = False,
) -> MonthlyReport:
    """Create or update the unit's report for the month (only while not yet submitted), and
    submit it when asked: both or neither, so a refused submission leaves nothing saved."""
    if not permissions.can_report_for(by, organization, department):
        raise PermissionDenied(_("您不能替该部门填报月度汇报"))
    period = check_period(period)
    if not summary.strip():
        raise ValidationFailed(_("请填写本月创建工作情况"), field="summary")
    report = MonthlyReport.objects.filter(
        campaign=campaign, period=period, organization=organization, department=department
    ).first()
    if report is None:
        report = MonthlyReport(
            campaign=campaign,
            period=period,
            organization=organization,
            department=department,
            created_by=by,
        )
    elif report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ValidationFailed(
            _("该月汇报状态为“%(state)s”，不能修改；已提交的汇报请先撤回")
            % {"state": ReportStatus(report.status).label}
        )
    report.summary = summary.strip()
    # Ids from the request are resolved through the actor's scope and the unit: a report links
    # only the unit's own activities and ledger entries, whatever ids were sent.
    activities = selectors.unit_activities(by, organization, department)
    wanted = {int(i) for i in activity_ids}
    report.activity_ids = (
        sorted(activities.filter(pk__in=wanted).values_list("pk", flat=True))
        if activities is not None and wanted
        else []
    )
    report.save()
    report.evidence.set(
        selectors.unit_evidence(campaign, by, organization, department).filter(
            pk__in=list(evidence_ids)
        )
    )
    audit.record(
        by=by, action=audit.Action.UPDATE, target=report, summary=f"填写 {period} 月度汇报"
    )
    if submit:
        report = submit_monthly_report(by=by, report=report)
    return report


def _apply(*, by, report: MonthlyReport, verb: str, comment: str = "", fields=None):
    return workflow.apply(
        report, table=REPORT_TRANSITIONS, verb=verb, by=by, note=comment, fields=fields
    )


def _review_fields(by, comment: str) -> dict:
    return {"review_comment": comment, "reviewed_by": by, "reviewed_at": timezone.now()}


@transaction.atomic
def submit_monthly_report(*, by, report: MonthlyReport) -> MonthlyReport:
    if not permissions.can_report_for(by, report.organization, report.department):
        raise PermissionDenied(_("您不能提交该部门的月度汇报"))
    return _apply(by=by, report=report, verb="submit", fields={"submitted_at": timezone.now()})


@transaction.atomic
def withdraw_monthly_report(*, by, report: MonthlyReport) -> MonthlyReport:
    if not permissions.can_report_for(by, report.organization, report.department):
        raise PermissionDenied(_("您不能撤回该部门的月度汇报"))
    return _apply(by=by, report=report, verb="withdraw")


@transaction.atomic
def review_monthly_report(
    *, by, report: MonthlyReport, comment: str, verb: str = "comment"
) -> MonthlyReport:
    """A leader's 点评 in place at the meeting: a comment alone, or with approve / return."""
    if not permissions.can_review_reports(by):
        raise PermissionDenied(_("只有领导或创建办可以点评月度汇报"))
    comment = (comment or "").strip()
    if verb == "return" and not comment:
        raise ValidationFailed(_("退回时必须填写点评意见"), field="comment")
    if verb == "comment":
        if not comment:
            raise ValidationFailed(_("点评内容不能为空"), field="comment")
        for name, value in _review_fields(by, comment).items():
            setattr(report, name, value)
        report.save(update_fields=["review_comment", "reviewed_by", "reviewed_at", "updated_at"])
        workflow.log(report, table=REPORT_TRANSITIONS, verb="comment", by=by, note=comment)
        audit.record(
            by=by, action=audit.Action.UPDATE, target=report, summary=f"点评：{comment[:100]}"
        )
        return report
    fields = _review_fields(by, comment) if comment else None
    return _apply(by=by, report=report, verb=verb, comment=comment, fields=fields)
