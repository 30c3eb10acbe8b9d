"""Excel rendering and reading. Renderers take plain rows and know nothing of the ORM.

Every workbook the product hands out is written here, so the defences live here once: a text
value that a spreadsheet could run as a formula is written as text (never as a formula), and
every sheet gets the same readable layout (bold frozen header, widths from content, number
formats for dates and amounts).
"""

import datetime as dt
import io
import itertools
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape
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


# --- The streaming writer behind every export -------------------------------------------------
#
# Why not a library here: measured on this project's people rows (8 text columns), openpyxl's
# write-only mode writes about 6 400 rows/s and XlsxWriter's constant_memory mode about 8 000 to
# 9 000 rows/s on one core, so a 1 000 000-row export would take two minutes or more in the
# writer alone. Both spend their time in per-cell Python objects and calls. The sheet XML of a
# list is simple (inline strings, numbers, dates, six styles), so it is written here as text,
# one row at a time, straight into the zip entry: about 45 000 rows/s with flat memory. The
# package it writes is the one openpyxl's write-only mode writes (inline strings, the same
# parts and style table), which Excel, WPS and LibreOffice open; openpyxl (still used for
# import templates and for reading) reads it back in the tests. XlsxWriter stays the choice if
# exports ever need charts or rich formatting.

# Excel's limits: rows per sheet, characters per cell. A longer list continues on a new sheet.
MAX_SHEET_ROWS = 1_048_576
MAX_CELL_CHARS = 32_767
# A zip entry stays below 4 GiB so no reader needs the Zip64 extensions.
MAX_SHEET_BYTES = 3_500_000_000
# zlib level 1: the sheet XML is very repetitive, so it still shrinks about tenfold, at a
# quarter of the default level's time.
ZIP_LEVEL = 1
_FLUSH_ROWS = 500
_CACHE_LIMIT = 50_000

# Style ids in _STYLES_XML's cellXfs.
_S_NOTE, _S_HEADER, _S_QUOTED, _S_DATE, _S_DATETIME, _S_AMOUNT = range(1, 7)
# The same look with Excel's quote prefix, for formula-like text.
_QUOTED_VARIANT = {0: _S_QUOTED, _S_NOTE: 7, _S_HEADER: 8}
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
# Characters XML 1.0 cannot carry at all (a pasted control character would break the file).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_NAME_ILLEGAL = re.compile(r"[\[\]:*?/\\]")

_STYLES_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_NS}">'
    '<numFmts count="3">'
    f'<numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/>'
    f'<numFmt numFmtId="166" formatCode="{AMOUNT_FORMAT}"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><i val="1"/><sz val="11"/><color rgb="FF666666"/><name val="Calibri"/>'
    '<family val="2"/></font>'
    '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFF2DCDB"/></patternFill></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="9">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"'
    ' applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"'
    ' quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"'
    ' applyAlignment="1" quotePrefix="1">'
    '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _xml_text(text: str) -> str:
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub("", text)
    return text[:MAX_CELL_CHARS].translate(_XML_ESCAPES)


def _string_tail(text: str, style: int = 0) -> str:
    """What follows `<c r="A1` for a text cell: formula-like text carries the quote prefix."""
    if is_formula_like(text):
        style = _QUOTED_VARIANT[style]
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    s = f' s="{style}"' if style else ""
    return f'"{s} t="inlineStr"><is><t{space}>{_xml_text(text)}</t></is></c>'


def _value_tail(value) -> str | None:
    """What follows `<c r="A1` for a value that is not text; None for an empty cell."""
    value = plain_value(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return f'" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'"><v>{value}</v></c>'
    if isinstance(value, float):
        return f'"><v>{value!r}</v></c>' if math.isfinite(value) else _string_tail(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            return _string_tail(str(value))
        return f'" s="{_S_AMOUNT}"><v>{value:f}</v></c>'
    if isinstance(value, dt.datetime):
        serial = (value - _EXCEL_EPOCH) / dt.timedelta(days=1)
        return f'" s="{_S_DATETIME}"><v>{serial!r}</v></c>'
    if isinstance(value, dt.date):
        serial = (value - _EXCEL_EPOCH.date()).days
        return f'" s="{_S_DATE}"><v>{serial}</v></c>'
    return _string_tail(value if isinstance(value, str) else str(value))


def _sheet_name(title: str, number: int) -> str:
    name = _SHEET_NAME_ILLEGAL.sub("_", str(title)).strip("'") or "Sheet"
    if number > 1:
        suffix = f"({number})"
        name = name[: 31 - len(suffix)] + suffix
    return name[:31]


class _Sheet:
    """One worksheet part being written: rows go out as XML text as they come."""

    def __init__(self, part, *, widths: Sequence[int], frozen_rows: int):
        self.part = part
        self.row = 0
        self.bytes = 0
        self.letters = [get_column_letter(i) for i in range(1, max(len(widths), 26) + 1)]
        self.cache: dict[str, str] = {}
        self.pending: list[str] = []
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        top = f"A{frozen_rows + 1}"
        pane = (
            f'<pane ySplit="{frozen_rows}" topLeftCell="{top}" activePane="bottomLeft"'
            f' state="frozen"/><selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>'
            if frozen_rows
            else ""
        )
        self._write(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_NS}" xmlns:r="{_REL_NS}">'
            f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>"
        )

    def _write(self, text: str) -> None:
        data = text.encode()
        self.bytes += len(data)
        self.part.write(data)

    def full(self) -> bool:
        return self.row >= MAX_SHEET_ROWS or self.bytes >= MAX_SHEET_BYTES

    def styled_row(self, values: Sequence[str], style: int) -> None:
        self.row += 1
        rn = str(self.row)
        cells = "".join(
            f'<c r="{letter}{rn}{_string_tail(str(v), style)}'
            for letter, v in zip(self.letters, values, strict=False)
        )
        self.pending.append(f'<row r="{rn}">{cells}</row>')

    def append(self, row: Sequence) -> None:
        self.row += 1
        rn = str(self.row)
        letters = self.letters
        if len(row) > len(letters):
            letters.extend(get_column_letter(i) for i in range(len(letters) + 1, len(row) + 1))
        cache = self.cache
        parts = ['<row r="', rn, '">']
        for letter, value in zip(letters, row, strict=False):
            if type(value) is str:
                if not value:
                    continue
                tail = cache.get(value)
                if tail is None:
                    tail = _string_tail(value)
                    if len(cache) >= _CACHE_LIMIT:
                        cache.clear()
                    cache[value] = tail
            else:
                tail = _value_tail(value)
                if tail is None:
                    continue
            parts += ('<c r="', letter, rn, tail)
        parts.append("</row>")
        self.pending.append("".join(parts))
        if len(self.pending) >= _FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self._write("".join(self.pending))
            self.pending = []

    def close(self) -> None:
        self.flush()
        self._write("</sheetData></worksheet>")


def write_xlsx(
    out, *, title: str, headers: Sequence[str], rows: Iterable[Sequence], notes: Sequence[str] = ()
) -> None:
    """`render_xlsx` into a file object (a temporary file for an export of a million rows).

    The rows are read once, as they come: memory holds a few hundred rows of XML and a cache
    of repeated texts, however long the list. Past Excel's 1 048 576 rows the list continues
    on a further sheet under the same header."""
    headers = [str(h) for h in headers]
    notes = [str(n) for n in notes]
    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    widths = column_widths(headers, sample)
    names: list[str] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as zf:
        pending = itertools.chain(sample, rows)
        while True:
            names.append(_sheet_name(title, len(names) + 1))
            first = len(names) == 1
            with zf.open(f"xl/worksheets/sheet{len(names)}.xml", "w") as part:
                sheet = _Sheet(part, widths=widths, frozen_rows=len(notes) * first + 1)
                if first:
                    for note in notes:
                        sheet.styled_row([note], _S_NOTE)
                sheet.styled_row(headers, _S_HEADER)
                more = False
                for row in pending:
                    sheet.append(row)
                    if sheet.full():
                        more = True
                        break
                sheet.close()
            if not more:
                break
        _write_package(zf, names)


def _write_package(zf: zipfile.ZipFile, names: list[str]) -> None:
    """The parts around the sheets: content types, relationships, workbook, styles."""
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    sheets = range(1, len(names) + 1)
    zf.writestr(
        "[Content_Types].xml",
        head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in sheets
        )
        + "</Types>",
    )
    zf.writestr(
        "_rels/.rels",
        head + f'<Relationships xmlns="{_PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
    )
    zf.writestr(
        "xl/workbook.xml",
        head + f'<workbook xmlns="{_NS}" xmlns:r="{_REL_NS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
        + "".join(
            f'<sheet name="{escape(name, quote=True)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in zip(sheets, names, strict=True)
        )
        + "</sheets></workbook>",
    )
    zf.writestr(
        "xl/_rels/workbook.xml.rels",
        head
        + f'<Relationships xmlns="{_PKG_REL_NS}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet"'
            f' Target="worksheets/sheet{i}.xml"/>'
            for i in sheets
        )
        + f'<Relationship Id="rId{len(names) + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
        "</Relationships>",
    )
    zf.writestr("xl/styles.xml", _STYLES_XML)


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
