"""Writes of reports: generate from the data (generator → draft → renderers), regenerate with
the kept parameters, save the office's edited text (re-rendered), all audited."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.campaigns.selectors import get_campaign_for_user
from gonghui.core import audit
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import PermissionDenied, ValidationFailed

from . import generators, writing
from .models import GeneratedReport
from .renderers.docx import render_docx
from .renderers.pdf import docx_to_pdf
from .renderers.xlsx import render_annex

Kind = GeneratedReport.Kind


def _date(params: dict, key: str) -> dt.date | None:
    value = params.get(key)
    return dt.date.fromisoformat(value) if value else None


def build_draft(*, by, kind: str, organization, parameters: dict):
    """The draft text and, for a 工作总结 or an annex, the annex rows."""
    campaign_id = parameters.get("campaign_id")
    campaign = get_campaign_for_user(by, campaign_id) if campaign_id else None
    if kind == Kind.NEWS:
        rows = generators.news_rows(
            by,
            organization=organization,
            campaign=campaign,
            period=parameters["period"],
            meeting_date=_date(parameters, "meeting_date"),
            chair=parameters.get("chair", ""),
            attendees=parameters.get("attendees", ""),
            requirements=parameters.get("requirements", ""),
        )
        return writing.news_item(rows), None
    rows = generators.summary_rows(
        by,
        organization=organization,
        campaign=campaign,
        start=_date(parameters, "start"),
        end=_date(parameters, "end"),
        next_steps=parameters.get("next_steps", ""),
    )
    draft = writing.work_summary(rows)
    annex = writing.annex_rows(rows)
    if kind == Kind.ANNEX:
        span = f"{writing.cn_date(rows.start)}至{writing.cn_date(rows.end)}"
        draft = writing.Draft(
            title=f"{rows.organization}{span}统计附表",
            paragraphs=[_("统计数据见附表（Excel）。")],
            figures=[[f"{category}·{item}", value, unit] for category, item, value, unit in annex],
        )
    return draft, annex


def _render(report: GeneratedReport, draft, annex_rows) -> None:
    stamp = timezone.localtime().strftime("%Y%m%d%H%M%S")
    name = f"report-{report.pk or 'new'}-{stamp}"
    if report.kind != Kind.ANNEX:
        data = render_docx(
            title=draft.title,
            paragraphs=draft.paragraphs,
            signature=draft.signature,
            date_line=draft.date_line,
        )
        report.file.save(f"{name}.docx", ContentFile(data), save=False)
        pdf = docx_to_pdf(data)
        if pdf is not None:
            report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    if annex_rows is not None:
        content = render_annex(title=draft.title, rows=annex_rows)
        report.annex.save(f"{name}.xlsx", ContentFile(content), save=False)


def _check(by) -> None:
    if not by.has_perm("reports.add_generatedreport"):
        raise PermissionDenied(_("您无权生成报告"))


@transaction.atomic
def generate_report(*, by, kind: str, organization, parameters: dict) -> GeneratedReport:
    _check(by)
    if kind not in Kind.values:
        raise ValidationFailed(_("报告类型无效"), field="kind")
    draft, annex = build_draft(by=by, kind=kind, organization=organization, parameters=parameters)
    report = GeneratedReport(
        organization=organization,
        kind=kind,
        title=draft.title[:200],
        parameters=parameters,
        text=draft.text,
        figures=draft.figures,
        generated_by=by,
        generated_at=timezone.now(),
    )
    report.save()
    _render(report, draft, annex)
    report.save()
    audit.record(
        by=by,
        action=audit.Action.CREATE,
        target=report,
        summary=_("生成报告“%(title)s”") % {"title": report.title},
    )
    return report


@transaction.atomic
def regenerate_report(*, by, report: GeneratedReport) -> GeneratedReport:
    """The same parameters against today's data: a new draft replaces the edited text."""
    _check(by)
    draft, annex = build_draft(
        by=by, kind=report.kind, organization=report.organization, parameters=report.parameters
    )
    claim_version(report, None, touch=True)
    report.title = draft.title[:200]
    report.text = draft.text
    report.figures = draft.figures
    report.generated_by = by
    report.generated_at = timezone.now()
    report.edited_at = report.edited_by = None
    report.pdf = ""
    _render(report, draft, annex)
    report.save()
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=report,
        summary=_("按原参数重新生成报告“%(title)s”") % {"title": report.title},
    )
    return report


@transaction.atomic
def edit_report(*, by, report: GeneratedReport, text: str, version: str | None = None):
    """The office's edited draft: kept, and the Word file rendered again from it."""
    if not by.has_perm("reports.change_generatedreport"):
        raise PermissionDenied(_("您无权修改报告"))
    title, paragraphs = writing.parse_text(text)
    if not title:
        raise ValidationFailed(_("正文不能为空"), field="text")
    claim_version(report, version)
    draft, _annex = build_draft_from_text(report, title, paragraphs)
    report.title = title[:200]
    report.text = text.replace("\r\n", "\n").strip()
    report.edited_by = by
    report.edited_at = timezone.now()
    report.pdf = ""
    _render(report, draft, None)
    report.save()
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=report,
        summary=_("修改报告“%(title)s”正文") % {"title": report.title},
    )
    return report


def build_draft_from_text(report: GeneratedReport, title: str, paragraphs: list[str]):
    params = report.parameters
    signature = report.organization.name
    day = params.get("meeting_date") or params.get("end") or ""
    date_line = ""
    if day:
        d = dt.date.fromisoformat(day)
        date_line = f"{d.year}年{d.month}月{d.day}日"
    return writing.Draft(
        title=title, paragraphs=paragraphs, signature=signature, date_line=date_line
    ), None
