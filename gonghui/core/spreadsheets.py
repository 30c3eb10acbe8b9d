"""Excel rendering and reading. Renderers take plain rows and know nothing of the ORM.

Every workbook the product hands out is written here, so the defences live here once: a text
value that a spreadsheet could run as a formula is written as text (never as a formula), and
every sheet gets the same readable layout (bold frozen header, widths from content, number
formats for dates and amounts).
"""

import datetime as dt
import io
import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .exceptions import ValidationFailed
from .files import check_zip_bounds

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell whose text starts with one of these is run as a formula by Excel, LibreOffice or WPS
# (full-width forms included: WPS and Excel with a Chinese IME convert them on edit), and a
# leading tab or carriage return hides such a prefix from a naive check.
FORMULA_PREFIXES = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_HIDING_PREFIXES = ("\t", "\r", "\n", " ", "\u3000")

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
AMOUNT_FORMAT = "#,##0.00"
# Column widths are measured on the first rows only, so a big export still streams.
WIDTH_SAMPLE_ROWS = 500
MIN_WIDTH, MAX_WIDTH = 6, 60

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_NOTE_FONT = Font(italic=True, color="666666")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read this text as a formula (or a DDE command)."""
    if text[:1] in ("\t", "\r", "\n"):
        return True
    return text.lstrip("".join(_HIDING_PREFIXES))[:1] in FORMULA_PREFIXES


def plain_value(value):
    """The value as a workbook stores it: aware datetimes in local time, without a zone."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def sheet_cell(ws, value):
    """A value for `ws.append`: a styled cell where the value needs one, else the value itself.

    Text is always stored as text: a formula-like string keeps its exact characters (so an
    export re-imports unchanged) but is typed as a string and carries Excel's quote prefix, so
    it is neither evaluated on opening nor turned into a formula when someone edits the cell.
    Numbers stay numbers, a negative one included.
    """
    value = plain_value(value)
    if isinstance(value, str):
        if not is_formula_like(value):
            return value
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = AMOUNT_FORMAT
        return cell
    return value


def display_width(value) -> int:
    """Roughly how many Latin characters wide the value shows (CJK characters count two)."""
    value = plain_value(value)
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    text = f"{value:,.2f}" if isinstance(value, Decimal) else str(value)
    longest = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence]) -> list[int]:
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], display_width(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]


def render_xlsx(
    *, title: str, headers: Sequence[str], rows: Iterable[Sequence], notes: Sequence[str] = ()
) -> bytes:
    """One sheet: notes, a bold frozen header, then the rows; streamed so memory stays flat."""
    buf = io.BytesIO()
    write_xlsx(buf, title=title, headers=headers, rows=rows, notes=notes)
    return buf.getvalue()


def write_xlsx(
    out, *, title: str, headers: Sequence[str], rows: Iterable[Sequence], notes: Sequence[str] = ()
) -> None:
    """`render_xlsx` into a file object (a temporary file for an export of a million rows)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    for i, width in enumerate(column_widths(headers, sample), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    header_row = len(notes) + 1
    ws.freeze_panes = f"A{header_row + 1}"
    for note in notes:
        cell = sheet_cell(ws, note)
        if not isinstance(cell, Cell):
            cell = WriteOnlyCell(ws, value=cell)
        cell.font = _NOTE_FONT
        ws.append([cell])
    ws.append([_header_cell(ws, h) for h in headers])
    for row in itertools.chain(sample, rows):
        ws.append([sheet_cell(ws, v) for v in row])
    wb.save(out)


def _header_cell(ws, text):
    cell = sheet_cell(ws, text)
    if not isinstance(cell, Cell):
        cell = WriteOnlyCell(ws, value=cell)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = _HEADER_ALIGN
    return cell


DROPDOWN_ROWS = 5000


def render_template_xlsx(
    *, title: str, headers: Sequence[str], example: Sequence, help_rows=(), dropdowns=None
):
    """An import template: styled header, one example row, and a sheet of instructions.

    `dropdowns` ({header: [choices]}) gives those columns a drop-down list of the choices."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    for header, choices in (dropdowns or {}).items():
        if header not in headers or not choices:
            continue
        column = get_column_letter(list(headers).index(header) + 1)
        rule = DataValidation(
            type="list", formula1='"' + ",".join(str(c) for c in choices) + '"', allow_blank=True
        )
        rule.error = _("请从下拉列表中选择")
        rule.add(f"{column}2:{column}{DROPDOWN_ROWS}")
        ws.data_validations.append(rule)
    for i, width in enumerate(column_widths(headers, [example]), start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, width)
    ws.freeze_panes = "A2"
    header = []
    for h in headers:
        cell = _header_cell(ws, h)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="B22222")
        header.append(cell)
    ws.append(header)
    ws.append([sheet_cell(ws, v) for v in example])
    if help_rows:
        info = wb.create_sheet("填写说明")
        info.column_dimensions["A"].width = 100
        for line in help_rows:
            info.append([sheet_cell(info, line)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def read_rows(fileobj, *, headers: Sequence[str], max_rows: int = 20000) -> list[dict]:
    """Read the first sheet into dicts keyed by the template headers; row numbers as in Excel."""
    # A workbook is a zip: refuse a bomb from its directory before openpyxl inflates anything.
    check_zip_bounds(fileobj, name=getattr(fileobj, "name", None) or "Excel")
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationFailed(_("无法读取 Excel 文件，请使用下载的模板（.xlsx）")) from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    try:
        header_row = next(rows)
    except StopIteration as exc:
        raise ValidationFailed(_("Excel 文件是空的")) from exc
    found = [str(h).strip() if h is not None else "" for h in header_row]
    missing = [h for h in headers if h not in found]
    if missing:
        raise ValidationFailed(
            _("表头缺少列：%(choices)s；请使用下载的模板") % {"choices": "、".join(missing)}
        )
    index = {h: found.index(h) for h in headers}
    result = []
    for number, row in enumerate(rows, start=2):
        if row is None or all(v is None or str(v).strip() == "" for v in row):
            continue
        if len(result) >= max_rows:
            raise ValidationFailed(
                _("一次最多导入 %(max_rows)s 行，请分批导入") % {"max_rows": max_rows}
            )
        record = {"_row": number}
        for h, i in index.items():
            v = row[i] if i < len(row) else None
            record[h] = v.strip() if isinstance(v, str) else v
        result.append(record)
    wb.close()
    return result
