"""The .docx renderer of generated reports: the title, then headings 一、 in 黑体, （一） in
楷体_GB2312 and the body in 仿宋_GB2312, the signature and date to the right, all in the one 公文
layout of `gonghui.core.officedocs`. Knows nothing of the ORM: a title, paragraphs and a closing
in, bytes out."""

from __future__ import annotations

import re

from gonghui.core.officedocs import OfficeDocument

HEADING = re.compile(r"^[一二三四五六七八九十]+、")
SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）")


def render_docx(
    *, title: str, paragraphs: list[str], signature: str = "", date_line: str = ""
) -> bytes:
    document = OfficeDocument()
    document.title(title)
    for text in paragraphs:
        if HEADING.match(text):
            document.heading(text)
        elif SUBHEADING.match(text):
            document.subheading(text)
        else:
            document.paragraph(text)
    for text in (signature, date_line):
        if text:
            document.signature(text)
    return document.to_bytes()
