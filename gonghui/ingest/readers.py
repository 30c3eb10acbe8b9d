"""Readers turning .txt, .html and .docx bytes into the plain text the normaliser works on."""

import io
import re
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from gonghui.core.textnorm import MAX_DOCUMENT_BYTES, DocumentError, decode_bytes

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


def docx_to_text(data: bytes, *, name: str = "文件") -> str:
    """Paragraphs and table cells of a Word document, in reading order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"{name}不是有效的 Word（.docx）文件", code="docx") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(
                "".join(node.text or "" for node in child.iter() if node.tag.endswith("}t"))
            )
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(
                                "".join(n.text or "" for n in cell.iter() if n.tag.endswith("}t"))
                            )
                    lines.append(" ".join(c for c in cells if c))
    return "\n".join(lines)


def read_bytes(data: bytes, *, name: str = "文件") -> str:
    """The text of a document, chosen by its name's suffix and checked by its content."""
    if not data:
        raise DocumentError(f"{name}是空文件，没有可读取的内容", code="empty")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"{name}超过大小限制（最大 {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB）", code="too_large"
        )
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            f"不支持的文件类型“{suffix}”，请上传 .txt、.html 或 .docx 文件", code="unsupported"
        )
    if suffix in DOCX_SUFFIXES or data.startswith(b"PK\x03\x04"):
        text = docx_to_text(data, name=name)
    elif suffix in HTML_SUFFIXES or data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")):
        text = html_to_text(_decode_html(data, name))
    else:
        text = decode_bytes(data, name=name)
        if re.match(r"\s*<(?:!doctype|html)", text[:100], re.I):
            text = html_to_text(text)
    if not text.strip():
        raise DocumentError(f"{name}中没有可读取的文字", code="empty")
    return text


def read_path(path: str | Path) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(
                f"{path.name}超过大小限制（最大 {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB）",
                code="too_large",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"无法读取文件“{path}”：{exc.strerror or exc}", code="io") from exc
    return read_bytes(data, name=path.name)
