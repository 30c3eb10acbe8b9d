"""Reports generated from the data: the seed 000 month's news item carries the seed's figures,
the 工作总结 has its numbered sections and the office's list, the .docx is in 公文 layout, and
each report fed back into the platform's own ingest (or spreadsheet reader) yields its figures."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from docx.shared import Pt

from gonghui.core.spreadsheets import read_rows
from gonghui.ingest import services as ingest_services
from gonghui.reports import services
from gonghui.reports.models import GeneratedReport
from gonghui.reports.renderers.xlsx import ANNEX_HEADERS

from .seed import may_2020, news_parameters


@pytest.fixture
def campaign(fed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return may_2020(fed)


def news(fed, campaign) -> GeneratedReport:
    return services.generate_report(
        by=fed.province_admin,
        kind=GeneratedReport.Kind.NEWS,
        organization=fed.henan,
        parameters=news_parameters(campaign),
    )


def summary(fed, campaign, kind=GeneratedReport.Kind.SUMMARY) -> GeneratedReport:
    return services.generate_report(
        by=fed.province_admin,
        kind=kind,
        organization=fed.henan,
        parameters={
            "campaign_id": campaign.pk,
            "start": "2020-01-01",
            "end": "2020-06-30",
            "next_steps": "对照测评体系开展“回头看”。\n持续开展“点亮微心愿”志愿服务。",
        },
    )


def test_the_seed_month_news_item_carries_the_seeds_figures(fed, campaign):
    text = news(fed, campaign).text
    for figure in ("5880元", "672本", "422人次", "2.4万余次", "7207人次"):
        assert figure in text
    assert "已发布微心愿2645个，爱心人士认领1429个，其中省总工会机关干部职工认领84个" in text
    assert text.startswith("河南省总工会召开5月份争创全国文明单位工作汇报会")
    assert "5月26日，省总党组书记、常务副主席寇武江主持召开" in text
    assert "等3个部门的负责同志参加会议并作汇报" in text
    assert "会上，寇武江对各部门提交的创建资料逐一审核点评。" in text


def test_the_work_summary_has_numbered_sections_and_the_offices_next_steps(fed, campaign):
    text = summary(fed, campaign).text
    assert text.startswith("河南省总工会2020年上半年工作总结")
    assert "\n\n一、扎实推进文明创建工作\n\n" in text
    assert "共分解创建任务3项" in text
    assert "共开展各类活动3场" in text
    assert "下半年主要工作\n\n（一）对照测评体系开展“回头看”。\n\n（二）持续开展" in text


def _figures_of(document) -> set[tuple]:
    return {(fact["value"], fact["unit"]) for fact in document.facts}


@pytest.mark.parametrize("make", [news, summary])
def test_a_generated_report_fed_back_into_the_ingest_yields_its_figures(fed, campaign, make):
    report = make(fed, campaign)
    assert report.figures
    with report.file.open("rb") as stored:
        upload = SimpleUploadedFile("report.docx", stored.read())
    document = ingest_services.ingest_document(
        by=fed.province_admin, upload=upload, organization=fed.henan
    )
    found = _figures_of(document)
    missing = [f for f in report.figures if (f[1], f[2]) not in found]
    assert not missing


def test_the_statistics_annex_read_back_yields_its_figures(fed, campaign):
    report = summary(fed, campaign, kind=GeneratedReport.Kind.ANNEX)
    with report.annex.open("rb") as stored:
        rows = read_rows(io.BytesIO(stored.read()), headers=ANNEX_HEADERS)
    read = [[f"{r['类别']}·{r['项目']}", r["数值"], r["单位"]] for r in rows]
    assert read == report.figures
    assert ["服务数据·开展活动", 3, "场"] in read


def test_the_word_file_is_laid_out_as_an_official_document(fed, campaign):
    report = news(fed, campaign)
    with report.file.open("rb") as stored:
        data = stored.read()
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert [round(m.mm) for m in (section.page_width, section.page_height)] == [210, 297]
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [28, 26]
    title_run = doc.paragraphs[0].runs[0]
    assert title_run.font.size == Pt(22)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:eastAsia="方正小标宋简体"' in xml and 'w:eastAsia="仿宋_GB2312"' in xml
    body = doc.paragraphs[1].runs[0]
    assert body.font.size == Pt(16)
    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert "— " in footer and "PAGE" in footer and " —" in footer


def test_the_office_edits_the_draft_and_the_word_file_follows(fed, campaign):
    report = news(fed, campaign)
    edited = report.text.replace("寇武江主持召开", "寇武江同志主持召开")
    services.edit_report(by=fed.province_admin, report=report, text=edited)
    report.refresh_from_db()
    assert "寇武江同志主持召开" in report.text
    with report.file.open("rb") as stored:
        doc = Document(io.BytesIO(stored.read()))
    assert any("寇武江同志主持召开" in p.text for p in doc.paragraphs)
    assert report.edited_by == fed.province_admin


def test_a_report_regenerates_from_its_kept_parameters(fed, campaign):
    report = news(fed, campaign)
    services.edit_report(by=fed.province_admin, report=report, text="只剩标题")
    services.regenerate_report(by=fed.province_admin, report=report)
    report.refresh_from_db()
    assert "5880元" in report.text and report.edited_at is None
    assert report.parameters == news_parameters(campaign)


def test_the_monthly_news_item_stays_within_the_users_scope(fed, campaign):
    from gonghui.reports.generators import news_rows

    rows = news_rows(
        fed.outsider,
        organization=fed.loudi_grassroots,
        campaign=None,
        period="2020-05",
        meeting_date=dt.date(2020, 5, 26),
    )
    assert rows.units == [] and rows.wishes is None
