"""Excel exports of the assistance lists: the list's own filters; sensitive columns masked
unless the holder of the permission asks for them (then audited by the export machinery)."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gonghui.core import privacy
from gonghui.exports.lists import Column, ListExport
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors
from .permissions import SENSITIVE


def organization(user, params: QueryDict):
    value = params.get("org", "")
    return get_organization_for_user(user, int(value)) if value.isdigit() else None


def _date(value: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def archive_filters(user, params: QueryDict) -> selectors.ArchiveFilter:
    return selectors.ArchiveFilter(
        q=params.get("q", "").strip(),
        status=params.get("status", ""),
        tier=params.get("tier", ""),
        reason=params.get("reason", ""),
        organization=organization(user, params),
        overdue=params.get("overdue") == "1",
    )


def relief_filters(user, params: QueryDict) -> selectors.ReliefFilter:
    return selectors.ReliefFilter(
        programme=params.get("programme", ""),
        fund_source=params.get("fund_source", ""),
        organization=organization(user, params),
        start=_date(params.get("start", "")),
        end=_date(params.get("end", "")),
    )


ARCHIVES = ListExport(
    key="assistance.archives",
    title=_("困难职工档案"),
    queryset=lambda user, params: selectors.archives_for_user(user, archive_filters(user, params)),
    headers=selectors.ARCHIVE_HEADERS,
    # Always masked: the full export needs a stated reason and is audited per household
    # (views.archive_export_sensitive).
    rows=selectors.archive_export_rows,
    organization=organization,
)

RELIEF = ListExport(
    key="assistance.relief",
    title=_("帮扶记录"),
    queryset=lambda user, params: selectors.relief_for_user(user, relief_filters(user, params)),
    headers=selectors.RELIEF_HEADERS,
    rows=selectors.relief_export_rows,
    organization=organization,
)

BATCHES = ListExport(
    key="assistance.batches",
    title=_("发放批次"),
    queryset=lambda user, params: selectors.batches_for_user(user),
    columns=[
        Column(_("批次名称"), "name"),
        Column(_("发放单位"), "organization.name"),
        Column(_("帮扶项目"), "get_programme_display"),
        Column(_("资金来源"), "get_fund_source_display"),
        Column(_("预算（元）"), lambda b: b.budget_fen / 100),
        Column(_("已列入（元）"), lambda b: b.total_fen / 100),
        Column(_("人数"), "num_entries"),
        Column(_("状态"), "get_status_display"),
        Column(_("发放日期"), "paid_date"),
    ],
)

ENTERPRISES = ListExport(
    key="assistance.enterprises",
    title=_("困难企业"),
    queryset=lambda user, params: selectors.enterprises_for_user(user),
    columns=[
        Column(_("企业名称"), "name"),
        Column(_("所属工会"), "organization.name"),
        Column(_("困难原因"), "reason"),
        Column(_("涉及职工人数"), "num_workers_affected"),
        Column(_("走访慰问次数"), "num_visits"),
    ],
)

MODEL_WORKERS = ListExport(
    key="assistance.model_workers",
    title=_("劳模档案"),
    queryset=lambda user, params: selectors.model_workers_for_user(
        user, needy_only=params.get("needy") == "1", level=params.get("level", "")
    ),
    columns=[
        Column(_("姓名"), "name", mask=privacy.mask_name),
        Column(_("劳模级别"), "get_level_display"),
        Column(_("荣誉称号"), "title"),
        Column(_("授予年份"), "year_awarded"),
        Column(_("生活状况"), "get_living_status_display"),
        Column(_("收入状况"), "get_income_band_display"),
        Column(_("所属工会"), "organization.name"),
    ],
    sensitive_permission=SENSITIVE,
    sensitive_what=_("劳模姓名"),
)
