"""The 公文 layout of GB/T 9704-2012 for Word documents, written once: A4, margins 37/35/28/26 mm,
the title in 方正小标宋简体 22 pt, the body in 仿宋_GB2312 16 pt on a fixed 28.95 pt line (22 lines a
page), headings in 黑体 and 楷体_GB2312, page numbers "— 1 —" in 宋体 at the foot. Each font is named
through w:eastAsia (Chinese text) beside a Latin font, so WPS and Word on a Chinese desktop render
it. Plain text in, bytes out: each document builds its own content on an `OfficeDocument`."""

from __future__ import annotations

import io

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

PAGE_SIZE = (Mm(210), Mm(297))  # A4
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
# The page number's line (about 7 mm high) starts 7 mm below the type area (GB/T 9704-2012 7.5).
FOOTER_DISTANCE = MARGINS["bottom"] - Mm(7) - Mm(7)
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE = Pt(28.95)  # 22 lines in the 225 mm type area
TITLE_LINE = Pt(36)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def set_font(run, name: str, size=BODY_SIZE, *, bold: bool = False) -> None:
    """The run in `name` for Chinese text and Times New Roman for Latin letters and digits."""
    run.font.name = LATIN_FONT
    run.font.size = size
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), name)


def add_field(run, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES …) in the run, updated by Word and WPS when shown."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)


class OfficeDocument:
    """A Word document already laid out as a 公文; its methods add the usual paragraphs."""

    def __init__(self) -> None:
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = PAGE_SIZE
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
        section.footer_distance = FOOTER_DISTANCE
        normal = self.document.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = BODY_SIZE
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        self._page_numbers(section)

    @staticmethod
    def _page_numbers(section) -> None:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = CENTER
        for text in ("— ", None, " —"):
            run = paragraph.add_run(text or "")
            set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
            if text is None:
                add_field(run, "PAGE")

    def paragraph(
        self,
        text: str = "",
        *,
        font: str = BODY_FONT,
        size=BODY_SIZE,
        bold: bool = False,
        align=None,
        indent: bool = True,
        keep_with_next: bool = False,
    ):
        """One paragraph on the fixed line, first line indented by two characters."""
        paragraph = self.document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = size * 2
        if align is not None:
            paragraph.alignment = align
        if keep_with_next:
            fmt.keep_with_next = True
        if text:
            set_font(paragraph.add_run(text), font, size, bold=bold)
        return paragraph

    def title(self, text: str):
        """The centred title in 方正小标宋简体 二号, one blank line's space below it."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = CENTER
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = TITLE_LINE
        fmt.space_before = Pt(0)
        fmt.space_after = LINE
        set_font(paragraph.add_run(text), TITLE_FONT, TITLE_SIZE)
        return paragraph

    def heading(self, text: str, **options):
        """A first-level heading (一、) in 黑体."""
        return self.paragraph(text, font=HEADING_FONT, **options)

    def subheading(self, text: str, **options):
        """A second-level heading (（一）) in 楷体_GB2312."""
        return self.paragraph(text, font=SUBHEADING_FONT, **options)

    def signature(self, text: str, **options):
        """The issuer or the date, to the right, two characters in from the margin."""
        paragraph = self.paragraph(text, align=RIGHT, indent=False, **options)
        paragraph.paragraph_format.right_indent = BODY_SIZE * 4
        return paragraph

    def table(self, header: list[str], rows: list[list]):
        """A ruled table: the header row in 黑体, the cells in 仿宋, both at 四号."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, value in zip(table.rows[0].cells, header, strict=True):
            set_font(cell.paragraphs[0].add_run(str(value)), HEADING_FONT, PAGE_NUMBER_SIZE)
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                set_font(cell.paragraphs[0].add_run(str(value)), BODY_FONT, PAGE_NUMBER_SIZE)
        return table

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()
