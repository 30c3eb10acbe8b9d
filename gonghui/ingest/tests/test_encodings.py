"""Empty, binary, oversized and GBK/Big5 inputs give a clear Chinese error or a correct result."""

import time

import pytest

from gonghui.ingest.readers import read_bytes
from gonghui.ingest.report import analyse_document
from gonghui.ingest.textnorm import DocumentError, decode_bytes

SIMPLIFIED = "省总工会机关召开争创全国文明单位工作汇报会,共计收到捐款5880元、捐书672本。"
TRADITIONAL = "省總工會機關召開爭創全國文明單位工作匯報會,共計收到捐款5880元、捐書672本。"


def test_gbk_text_is_decoded():
    assert decode_bytes(SIMPLIFIED.encode("gbk")) == SIMPLIFIED


def test_gb18030_text_is_decoded():
    assert decode_bytes(SIMPLIFIED.encode("gb18030")) == SIMPLIFIED


def test_big5_text_is_decoded_and_simplified():
    report = analyse_document(TRADITIONAL.encode("big5"), name="report.txt")
    assert report.normalized.text == SIMPLIFIED
    assert [f.value for f in report.facts] == [5880, 672]


def test_utf8_bom_and_utf16_are_decoded():
    assert decode_bytes(b"\xef\xbb\xbf" + SIMPLIFIED.encode()) == SIMPLIFIED
    assert decode_bytes(SIMPLIFIED.encode("utf-16")) == SIMPLIFIED


def test_empty_input_is_refused_clearly():
    with pytest.raises(DocumentError, match="空文件"):
        read_bytes(b"", name="空.txt")
    with pytest.raises(DocumentError, match="没有可读取的文字"):
        read_bytes(b"   \n  ", name="blank.txt")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\x00\x01\x02\x03binary\x00\xff" * 100, "data.txt"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "report.txt"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "photo.txt"),
    ],
)
def test_binary_input_is_refused_clearly(data, name):
    with pytest.raises(DocumentError, match=r"不是文本文件|二进制"):
        read_bytes(data, name=name)


def test_fifty_megabytes_are_refused_quickly():
    data = ("职工" * 1024).encode() * 8700  # a little over 50 MB, built in memory
    assert len(data) > 50 * 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="超过大小限制"):
        analyse_document(data, name="big.txt")
    assert time.perf_counter() - started < 1.0


def test_undecodable_bytes_are_refused_clearly():
    with pytest.raises(DocumentError, match="编码无法识别"):
        decode_bytes(bytes(range(0x80, 0x100)) * 40)


def test_broken_docx_is_refused_clearly():
    with pytest.raises(DocumentError, match="Word"):
        read_bytes(b"PK\x03\x04 not really a zip", name="report.docx")


def test_unsupported_suffix_is_refused_clearly():
    with pytest.raises(DocumentError, match="不支持的文件类型"):
        read_bytes(b"hello", name="table.xls")


def test_html_page_is_read_without_scripts_or_styles():
    page = (
        '<html><head><meta charset="gbk"><title>标题</title><style>p{color:red}</style>'
        "<script>var x = 1;</script></head><body><p>正文发放慰问金137万多元。</p></body></html>"
    ).encode("gbk")
    report = analyse_document(page, name="page.html")
    assert report.normalized.text == "正文发放慰问金137万多元。"
    assert report.facts[0].value == 1370000
