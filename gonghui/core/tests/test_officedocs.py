"""The one 公文 layout (GB/T 9704-2012) every Word document of the platform is written in: A4,
margins 37/35/28/26 mm, 方正小标宋简体 title, 仿宋_GB2312 body on a fixed line, Chinese fonts named
through w:eastAsia, and a PAGE field between dashes at the foot."""

import io
import zipfile

from docx import Document
from docx.shared import Pt

from gonghui.core.officedocs import OfficeDocument


def _written() -> bytes:
    doc = OfficeDocument()
    doc.title("关于表彰先进集体的决定")
    doc.heading("一、基本情况")
    doc.subheading("（一）活动开展")
    doc.paragraph("全年开展活动2.4万余次。")
    doc.table(["名次", "对象"], [[1, "省交通运输厅"]])
    doc.signature("河南省总工会")
    return doc.to_bytes()


def test_the_page_is_a4_with_the_official_margins():
    section = Document(io.BytesIO(_written())).sections[0]
    assert [round(m.mm) for m in (section.page_width, section.page_height)] == [210, 297]
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [28, 26]


def test_title_headings_and_body_use_the_official_fonts_and_sizes():
    data = _written()
    doc = Document(io.BytesIO(data))
    title, heading, subheading, body = (p.runs[0] for p in doc.paragraphs[:4])
    assert title.font.size == Pt(22)
    assert heading.font.size == subheading.font.size == body.font.size == Pt(16)
    assert doc.paragraphs[3].paragraph_format.line_spacing == Pt(28.95)
    assert doc.paragraphs[3].paragraph_format.first_line_indent == Pt(32)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    for font in ("方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"):
        assert f'w:eastAsia="{font}"' in xml
    assert 'w:ascii="Times New Roman"' in xml
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in styles  # text typed later in Word stays in 仿宋


def test_the_footer_holds_a_page_number_field_between_dashes():
    data = _written()
    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert 'w:fldCharType="begin"' in footer and 'w:fldCharType="end"' in footer
    assert ">PAGE<" in footer
    assert footer.index("— ") < footer.index(">PAGE<") < footer.index(" —")
    assert 'w:eastAsia="宋体"' in footer
