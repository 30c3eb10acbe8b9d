"""Readers turning .txt, .html and .docx bytes into the plain text the normaliser works on."""

import io
import re
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.exceptions import ValidationFailed
from gonghui.core.files import check_zip_bounds
from gonghui.ingest.textnorm import MAX_DOCUMENT_BYTES, DocumentError, decode_bytes

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "nav", "title", "blockquote", "pre", "dd", "dt",
    "figcaption", "figure", "hr", "td", "th", "aside", "main",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head"}
_TITLE_TAG = "title"


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS and tag != "head":
            self.skip_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and tag != "head" and self.skip_depth:
            self.skip_depth -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.skip_depth or self.lasttag == _TITLE_TAG:
            return
        self.parts.append(data.replace("\n", " "))


_BLANKS_RE = re.compile(r"\n\s*\n+")
_CHARSET_RE = re.compile(rb"charset=[\"']?([A-Za-z0-9_\-]+)", re.I)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line; scripts and styles dropped."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = unescape("".join(parser.parts))
    return _BLANKS_RE.sub("\n\n", text).strip()


def _decode_html(data: bytes, name: str) -> str:
    declared = _CHARSET_RE.search(data[:2048])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        if encoding in {"gb2312", "gbk"}:
            encoding = "gb18030"
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, name=name)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _run_text(element) -> str:
    return "".join(node.text or "" for node in element.iter(f"{_W}t"))


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.iter(f"{_W}tr"):
        cells = [_run_text(cell) for cell in row.iterchildren(f"{_W}tc")]
        lines.append(" ".join(c for c in cells if c))
    return lines


def docx_to_text(data: bytes, *, name: str = "", max_chars: int | None = None) -> str:
    """Paragraphs and table cells of a Word document, in reading order.

    The zip is bounded before anything is inflated, and the body is read as a stream: each
    top-level paragraph or table is dropped once its text is taken, and reading stops once
    `max_chars` characters are in hand, so memory follows the text kept, not the file.
    """
    # lxml only for .docx reading (start-up cost).
    from lxml import etree

    name = name or pgettext("a document without a name", "文件")
    try:
        check_zip_bounds(data, name=name)
    except ValidationFailed as exc:
        raise DocumentError(exc.message, code="too_large") from exc
    lines: list[str] = []
    length = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("word/document.xml") as part:
            events = etree.iterparse(
                part,
                events=("end",),
                tag=(f"{_W}p", f"{_W}tbl"),
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
            )
            for _event, element in events:
                parent = element.getparent()
                if parent is None or parent.tag != f"{_W}body":
                    continue  # inside a table: read with the table
                is_paragraph = element.tag == f"{_W}p"
                new = [_run_text(element)] if is_paragraph else _table_lines(element)
                lines.extend(new)
                length += sum(len(line) + 1 for line in new)
                element.clear()
                while element.getprevious() is not None:
                    del parent[0]
                if max_chars is not None and length > max_chars:
                    break
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise DocumentError(
            _("%(name)s不是有效的 Word（.docx）文件") % {"name": name}, code="docx"
        ) from exc
    return "\n".join(lines)


def read_bytes(data: bytes, *, name: str = "", max_chars: int | None = None) -> str:
    """The text of a document, chosen by its name's suffix and checked by its content."""
    name = name or pgettext("a document without a name", "文件")
    if not data:
        raise DocumentError(_("%(name)s是空文件，没有可读取的内容") % {"name": name}, code="empty")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            _("%(name)s超过大小限制（最大 %(size)s MB）")
            % {"name": name, "size": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            code="too_large",
        )
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            _("不支持的文件类型“%(suffix)s”，请上传 .txt、.html 或 .docx 文件")
            % {"suffix": suffix},
            code="unsupported",
        )
    if suffix in DOCX_SUFFIXES or data.startswith(b"PK\x03\x04"):
        text = docx_to_text(data, name=name, max_chars=max_chars)
    elif suffix in HTML_SUFFIXES or data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")):
        text = html_to_text(_decode_html(data, name))
    else:
        text = decode_bytes(data, name=name)
        if re.match(r"\s*<(?:!doctype|html)", text[:100], re.I):
            text = html_to_text(text)
    if not text.strip():
        raise DocumentError(_("%(name)s中没有可读取的文字") % {"name": name}, code="empty")
    return text


def read_path(path: str | Path) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(
                _("%(name)s超过大小限制（最大 %(size)s MB）")
                % {"name": path.name, "size": MAX_DOCUMENT_BYTES // (1024 * 1024)},
                code="too_large",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            _("无法读取文件“%(path)s”：%(reason)s") % {"path": path, "reason": exc.strerror or exc},
            code="io",
        ) from exc
    return read_bytes(data, name=path.name)
