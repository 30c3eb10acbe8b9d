"""Excel rendering and reading. Renderers take plain rows and know nothing of the ORM."""

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .exceptions import ValidationFailed
from .files import check_zip_bounds

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_xlsx(
    *, title: str, headers: Sequence[str], rows: Iterable[Sequence], notes: Sequence[str] = ()
) -> bytes:
    """One sheet with a bold header row; streamed rows keep memory flat for big exports."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    widths = [max(8, len(h) * 2 + 2) for h in headers]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(w, 40)
    for note in notes:
        ws.append([note])
    ws.append(list(headers))
    for row in rows:
        ws.append([_cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render_template_xlsx(*, title: str, headers: Sequence[str], example: Sequence, help_rows=()):
    """An import template: styled header, one example row, and a sheet of instructions."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="B22222")
        cell.alignment = Alignment(horizontal="center")
    ws.append([_cell(v) for v in example])
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(h) * 2 + 4)
    if help_rows:
        info = wb.create_sheet("填写说明")
        for line in help_rows:
            info.append([line])
        info.column_dimensions["A"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value):
    # openpyxl writes Decimal exactly; only aware datetimes need their zone dropped.
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return value


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    from urllib.parse import quote

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
        raise ValidationFailed("无法读取 Excel 文件，请使用下载的模板（.xlsx）") from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    try:
        header_row = next(rows)
    except StopIteration as exc:
        raise ValidationFailed("Excel 文件是空的") from exc
    found = [str(h).strip() if h is not None else "" for h in header_row]
    missing = [h for h in headers if h not in found]
    if missing:
        raise ValidationFailed(f"表头缺少列：{'、'.join(missing)}；请使用下载的模板")
    index = {h: found.index(h) for h in headers}
    result = []
    for number, row in enumerate(rows, start=2):
        if row is None or all(v is None or str(v).strip() == "" for v in row):
            continue
        if len(result) >= max_rows:
            raise ValidationFailed(f"一次最多导入 {max_rows} 行，请分批导入")
        record = {"_row": number}
        for h, i in index.items():
            v = row[i] if i < len(row) else None
            record[h] = v.strip() if isinstance(v, str) else v
        result.append(record)
    wb.close()
    return result
