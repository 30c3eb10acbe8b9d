"""The certificate of volunteer service hours as a Word document (plain rows in, bytes out)."""

import datetime as dt
import io
from decimal import Decimal

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt


def _font(run, size: int, *, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "SimSun"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def render_certificate(
    *,
    name: str,
    code: str,
    organization: str,
    total_hours: Decimal,
    rows: list[tuple[dt.date, str, str, Decimal]],
    issued_by: str,
    issued_on: dt.date,
) -> bytes:
    """rows: (date, team, content, hours) of approved service."""
    doc = Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run("志愿服务时长证明"), 22, bold=True)
    body = doc.add_paragraph()
    body.paragraph_format.first_line_indent = Pt(24)
    _font(
        body.add_run(
            f"兹证明 {name}（志愿者编号 {code}，{organization}）自注册以来参加志愿服务"
            f"{len(rows)}次，经服务队队长审核确认的志愿服务时长累计 {total_hours} 小时。"
        ),
        14,
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["服务日期", "服务队", "服务内容", "时长（小时）"], strict=True
    ):
        _font(cell.paragraphs[0].add_run(text), 11, bold=True)
    for day, team, content, hours in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, [f"{day:%Y-%m-%d}", team, content, str(hours)], strict=True):
            _font(cell.paragraphs[0].add_run(text), 11)
    doc.add_paragraph()
    for text in (issued_by, f"{issued_on.year}年{issued_on.month}月{issued_on.day}日"):
        sign = doc.add_paragraph()
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(sign.add_run(text), 14)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
