"""Excel exports of the ledger index (台账) and of a month's reports (the meeting's table)."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gonghui.campaigns import selectors as campaign_selectors
from gonghui.core.exceptions import DomainError
from gonghui.exports.lists import Column, ListExport, yes_no

from . import selectors, services


def campaign_of(user, params):
    """The campaign the page shows: the one chosen, else the user's first (as the pages do)."""
    chosen = params.get("campaign", "")
    if chosen.isdigit():
        return campaign_selectors.get_campaign_for_user(user, int(chosen))
    return campaign_selectors.campaigns_for_user(user).first()


def period_of(campaign, params) -> str:
    """The meeting's month: the one chosen, else the latest anyone reported for."""
    try:
        return services.check_period(params.get("period", ""))
    except DomainError:
        return selectors.latest_report_period(campaign) or timezone.localdate().strftime("%Y-%m")


def _ledger_entries(user, params):
    campaign = campaign_of(user, params)
    if campaign is None:
        return []
    dept = params.get("dept", "")
    return selectors.ledger_entries(
        campaign,
        user,
        status=params.get("status", ""),
        department_id=int(dept) if dept.isdigit() else None,
    ).select_related("campaign")


def _meeting_rows(user, params):
    campaign = campaign_of(user, params)
    if campaign is None:
        return []
    return selectors.meeting(campaign, period_of(campaign, params), user)


LEDGER = ListExport(
    key="ledger.index",
    title=_("创建台账"),
    queryset=_ledger_entries,
    columns=[
        Column(_("创建活动"), "campaign.name"),
        Column(_("指标编号"), "indicator.code"),
        Column(_("指标"), "indicator.name"),
        Column(_("责任单位"), "unit_name"),
        Column(_("完成时限"), "deadline"),
        Column(_("进度"), "get_status_display"),
        Column(_("资料齐全"), yes_no("is_complete")),
        Column(_("缺少"), "missing"),
        Column(_("文件数"), "num_files"),
        Column(_("提交时间"), "submitted_at"),
    ],
)


def _report(attr):
    return lambda row: getattr(row.report, attr, "") if row.report else ""


MONTHLY_REPORTS = ListExport(
    key="ledger.monthly_reports",
    title=_("月度汇报"),
    queryset=_meeting_rows,
    columns=[
        Column(_("月份"), lambda row: row.report.period if row.report else ""),
        Column(_("责任单位"), lambda row: row.unit["name"]),
        Column(
            _("状态"),
            lambda row: row.report.get_status_display() if row.report else gettext("未提交"),
        ),
        Column(_("提交时间"), _report("submitted_at")),
        Column(_("本月工作"), _report("summary")),
        Column(_("关联台账"), lambda row: "、".join(f"{t.code} {t.name}" for t in row.evidence)),
        Column(_("领导点评"), _report("review_comment")),
        Column(
            _("点评人"),
            lambda row: (
                str(row.report.reviewed_by) if row.report and row.report.reviewed_by else ""
            ),
        ),
        Column(_("点评时间"), _report("reviewed_at")),
    ],
)
