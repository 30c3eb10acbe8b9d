"""The Word results report (.docx) in 公文 layout: 方正小标宋 title, 仿宋 body at 三号, the
ranking table and the findings. Rows are gathered through selectors; python-docx renders."""

import io

from django.utils import timezone

from . import selectors


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)


def results_report(survey) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    ranking = selectors.satisfaction_ranking(survey)
    stats_total = selectors.counts(survey).get((0, "", "", ""), 0)
    summary = selectors.rectification_summary(survey)
    doc = Document()
    section = doc.sections[0]
    # GB/T 9704 公文: A4, top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm.
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(f"{survey.title}结果报告"), "方正小标宋简体", 22)

    def body(text: str, *, heading: bool = False) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        p.paragraph_format.line_spacing = Pt(28)
        _font(p.add_run(text), "黑体" if heading else "仿宋_GB2312", 16)

    body("一、基本情况", heading=True)
    body(
        f"本次测评共收回有效问卷{stats_total}份，测评对象{len(ranking)}个。满意率按"
        "（满意+基本满意）÷有效答卷计算，“不了解”不计入有效答卷。"
    )
    body("二、满意率排名", heading=True)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["名次", "测评对象", "有效答卷", "满意率（%）"], strict=True
    ):
        cell.text = text
    for score in ranking:
        cells = table.add_row().cells
        cells[0].text = str(score.rank)
        cells[1].text = score.name
        cells[2].text = str(score.counted)
        cells[3].text = "—" if score.rate is None else f"{score.rate:.2f}"
    body("三、发现的问题和整改情况", heading=True)
    body(
        f"梳理问题{summary['problems']}个，成立专项督察组{summary['groups']}个，"
        f"交办整改任务{summary['tasks']}项。"
        + "，".join(f"{label}{n}个" for label, n in summary["stages"])
        + "。"
    )
    for problem in selectors.problems(survey)[:100]:
        target = f"（{problem.target.name}）" if problem.target else ""
        body(f"{problem.pk}. {problem.title}{target}——{problem.get_stage_display()}")
    if survey.results_summary:
        body("四、结论", heading=True)
        body(survey.results_summary)
    date = doc.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    today = timezone.localdate()
    _font(date.add_run(f"{today.year}年{today.month}月{today.day}日"), "仿宋_GB2312", 16)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
