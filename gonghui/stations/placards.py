"""The printable A4 placard of a station (.docx): its name, kind, address, services, hours and
the QR code that leads to its public page, for the door or the wall."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import qrcodes

RED = RGBColor(0xC8, 0x10, 0x2E)
FONT = "SimHei"


def _run(paragraph, text: str, *, size: int, bold: bool = False, color=None):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    # East Asian text takes its font from w:eastAsia, not from the run's name.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if color is not None:
        run.font.color.rgb = color
    return run


def placard_docx(*, name: str, kind: str, address: str, services, hours: str, url: str,
                 host_unit: str = "") -> bytes:  # fmt: skip
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(1.8)

    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(head, kind, size=26, bold=True, color=RED)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, name, size=30 if len(name) <= 14 else 22, bold=True)

    facts = [
        (_("服务项目"), "、".join(services) or "—"),
        (_("开放时间"), hours or "—"),
        (_("地址"), address),
    ]
    if host_unit:
        facts.append((_("建设单位"), host_unit))
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(8)
        _run(paragraph, f"{label}：", size=16, bold=True, color=RED)
        _run(paragraph, value, size=16)

    picture = document.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.add_run().add_picture(io.BytesIO(qrcodes.qr_png(url, scale=10)), width=Cm(8))
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(caption, _("扫码查看开放时间、服务项目和附近驿站"), size=14)
    link = document.add_paragraph()
    link.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(link, url, size=9)
    footer = document.add_paragraph()
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, _("户外劳动者、新就业形态劳动者欢迎您"), size=16, bold=True, color=RED)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
