"""The .docx renderer in 公文 layout (GB/T 9704-2012): A4, margins 37/35/28/26 mm, the title in
方正小标宋简体 22 pt, the body in 仿宋_GB2312 16 pt on a fixed 28.95 pt line (22 lines a page),
headings 一、 in 黑体 and （一） in 楷体_GB2312, page numbers "— 1 —" in the footer. The
east-Asian font is set through w:eastAsia so WPS and Word on a Chinese desktop use it.
Knows nothing of the ORM: a title, paragraphs and a closing in, bytes out."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
LINE = Pt(28.95)

HEADING = re.compile(r"^[一二三四五六七八九十]+、")
SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）")


def _font(run, name: str, size: Pt, *, bold: bool = False) -> None:
    run.font.name = LATIN_FONT
    run.font.size = size
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _spacing(paragraph, *, indent: bool) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(32)  # two characters of 16 pt


def _field(run, instruction: str) -> None:
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)


def _page_numbers(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in ("— ", None, " —"):
        run = paragraph.add_run(text or "")
        _font(run, PAGE_NUMBER_FONT, Pt(14))
        if text is None:
            _field(run, "PAGE")


def render_docx(
    *, title: str, paragraphs: list[str], signature: str = "", date_line: str = ""
) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = Pt(28.95)
    heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    heading.paragraph_format.line_spacing = Pt(36)
    _font(heading.add_run(title), TITLE_FONT, Pt(22))

    for text in paragraphs:
        paragraph = document.add_paragraph()
        if HEADING.match(text):
            _spacing(paragraph, indent=True)
            _font(paragraph.add_run(text), HEADING_FONT, Pt(16))
        elif SUBHEADING.match(text):
            _spacing(paragraph, indent=True)
            _font(paragraph.add_run(text), SUBHEADING_FONT, Pt(16))
        else:
            _spacing(paragraph, indent=True)
            _font(paragraph.add_run(text), BODY_FONT, Pt(16))
    for text in (signature, date_line):
        if text:
            paragraph = document.add_paragraph()
            _spacing(paragraph, indent=False)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            _font(paragraph.add_run(text), BODY_FONT, Pt(16))
    _page_numbers(section)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
