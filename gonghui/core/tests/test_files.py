"""Uploads are judged by content, not by name."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.exceptions import ValidationFailed
from gonghui.core.files import check_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_real_pdf_accepted():
    checked = check_upload(SimpleUploadedFile("报告.pdf", PDF))
    assert checked.kind == "pdf"
    assert len(checked.sha256) == 64
    assert checked.safe_name.endswith(".pdf")


def test_docx_recognised_inside_zip():
    assert check_upload(SimpleUploadedFile("a.docx", docx_bytes())).kind == "docx"


@pytest.mark.parametrize(
    "content",
    [b"<html><body>not a pdf</body></html>", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64],
    ids=["html", "exe"],
)
def test_pdf_name_with_other_content_refused(content):
    with pytest.raises(ValidationFailed, match="内容不是允许的类型"):
        check_upload(SimpleUploadedFile("假的.pdf", content))


def test_extension_must_match_content():
    with pytest.raises(ValidationFailed, match="扩展名与内容不符"):
        check_upload(SimpleUploadedFile("photo.pdf", PNG))


def test_kind_not_allowed_here():
    with pytest.raises(ValidationFailed):
        check_upload(SimpleUploadedFile("a.pdf", PDF), allowed={"jpg", "png"})


def test_size_limit(settings):
    settings.GONGHUI_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationFailed, match="超过大小限制"):
        check_upload(SimpleUploadedFile("a.pdf", PDF))


def test_empty_file():
    with pytest.raises(ValidationFailed, match="空文件"):
        check_upload(SimpleUploadedFile("a.pdf", b""))
