"""The 表彰决定 as a Word document in 公文 layout (GB/T 9704-2012): A4, margins 37/35/28/26 mm,
title in 方正小标宋简体 22 pt, body in 仿宋_GB2312 16 pt, page numbers “— n —” at the foot.
A renderer of plain rows: it knows nothing of the ORM."""

import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
CN_NUMBERS = "一二三四五六七八九十"


@dataclass
class Decision:
    issuer: str
    title: str
    number: str
    date_text: str
    preamble: str
    closing: str
    groups: list[tuple[str, list[str]]] = field(default_factory=list)  # (award, lines)


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _paragraph(doc, text: str, *, font=BODY_FONT, size=16, bold=False, align=None, indent=True):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(28.95)  # 22 lines of 28 characters per page
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), font, size, bold)
    return p


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), PAGE_NUMBER_FONT, 14)
    run = p.add_run()
    _font(run, PAGE_NUMBER_FONT, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _font(p.add_run(" —"), PAGE_NUMBER_FONT, 14)


def render_decision(decision: Decision) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    _page_number_footer(section)
    if decision.number:
        _paragraph(doc, decision.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        _paragraph(doc, "", indent=False)
    _paragraph(
        doc,
        decision.title,
        font=TITLE_FONT,
        size=22,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    _paragraph(doc, "", indent=False)
    for text in decision.preamble.split("\n"):
        _paragraph(doc, text)
    for i, (award, lines) in enumerate(decision.groups):
        head = f"{CN_NUMBERS[i] if i < len(CN_NUMBERS) else i + 1}、{award}（{len(lines)}）"
        # A heading never ends a page without its first name.
        _paragraph(doc, head, font=HEADING_FONT).paragraph_format.keep_with_next = True
        for n, line in enumerate(lines, start=1):
            _paragraph(doc, f"{n}. {line}")
    # The signature and date never stand alone on the last page (GB/T 9704-2012 7.3.5): the
    # closing paragraph is kept on their page.
    for text in decision.closing.split("\n"):
        _paragraph(doc, text).paragraph_format.keep_with_next = True
    _paragraph(doc, "", indent=False).paragraph_format.keep_with_next = True
    _paragraph(
        doc, decision.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False
    ).paragraph_format.keep_with_next = True
    _paragraph(doc, decision.date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
