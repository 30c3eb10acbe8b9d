"""Zip-based uploads (docx, xlsx) are bounded before parsing: a bomb small on disk is refused
quickly, from its directory, without inflating anything."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.exceptions import ValidationFailed
from gonghui.core.files import MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, check_upload
from gonghui.core.spreadsheets import read_rows, render_template_xlsx

PARAGRAPH = b"<w:p><w:r><w:t>" + "职工之家".encode() + b"</w:t></w:r></w:p>"


def _office_bytes(kind: str) -> bytes:
    if kind == "docx":
        import docx

        buffer = io.BytesIO()
        docx.Document().save(buffer)
        return buffer.getvalue()
    return render_template_xlsx(title="表", headers=["姓名"], example=["张三"])


def bomb(kind: str, *, inflated: int = MAX_UNZIPPED_BYTES + 16 * 1024 * 1024) -> bytes:
    """A real docx/xlsx whose main part inflates to more than the bound: well-formed XML
    repeated, so that a parser fed it would build a tree of hundreds of megabytes."""
    part = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    source = zipfile.ZipFile(io.BytesIO(_office_bytes(kind)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for info in source.infolist():
            if info.filename != part:
                zf.writestr(info.filename, source.read(info.filename))
        chunk = PARAGRAPH * (1024 * 1024 // len(PARAGRAPH))
        with zf.open(part, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body>')
            for _ in range(inflated // len(chunk) + 1):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return out.getvalue()


def many_entries(kind: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_office_bytes(kind)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            zf.writestr(info.filename, source.read(info.filename))
        for i in range(MAX_ZIP_ENTRIES + 10):
            zf.writestr(f"extra/part{i}.xml", b"<a/>")
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return bomb("docx")


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    return bomb("xlsx")


def _refused_quickly(call) -> str:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ValidationFailed) as caught:
            call()
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2.0
    assert peak < 5 * 1024 * 1024
    return caught.value.message


def test_bombs_are_small_on_disk(docx_bomb, xlsx_bomb):
    assert len(docx_bomb) < 1024 * 1024
    assert len(xlsx_bomb) < 1024 * 1024


def test_docx_bomb_upload_is_refused_quickly_with_bounded_memory(docx_bomb):
    upload = SimpleUploadedFile("总结.docx", docx_bomb)
    message = _refused_quickly(lambda: check_upload(upload, allowed={"docx"}))
    assert "解压后过大" in message


def test_xlsx_bomb_upload_is_refused_quickly_with_bounded_memory(xlsx_bomb):
    upload = SimpleUploadedFile("名单.xlsx", xlsx_bomb)
    message = _refused_quickly(lambda: check_upload(upload, allowed={"xlsx"}))
    assert "解压后过大" in message


def test_reading_an_xlsx_bomb_is_refused_before_openpyxl_inflates_it(xlsx_bomb):
    # Stashed imports and framework imports reach read_rows without check_upload.
    message = _refused_quickly(lambda: read_rows(io.BytesIO(xlsx_bomb), headers=["姓名"]))
    assert "解压后过大" in message


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_too_many_entries_are_refused(kind):
    upload = SimpleUploadedFile(f"a.{kind}", many_entries(kind))
    message = _refused_quickly(lambda: check_upload(upload, allowed={kind}))
    assert "部件过多" in message


def test_an_extreme_compression_ratio_is_refused_even_under_the_total():
    upload = SimpleUploadedFile("小.docx", bomb("docx", inflated=8 * 1024 * 1024))
    message = _refused_quickly(lambda: check_upload(upload, allowed={"docx"}))
    assert "压缩比异常" in message


def test_ordinary_office_files_pass():
    assert check_upload(SimpleUploadedFile("a.docx", _office_bytes("docx"))).kind == "docx"
    rows = read_rows(io.BytesIO(_office_bytes("xlsx")), headers=["姓名"])
    assert rows == [{"_row": 2, "姓名": "张三"}]
