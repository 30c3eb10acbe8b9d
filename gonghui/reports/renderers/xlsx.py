"""The statistics annex (.xlsx) through the one spreadsheet renderer (formulas neutralised).
Plain rows in, bytes out."""

from gonghui.core.spreadsheets import render_xlsx

ANNEX_HEADERS = ["类别", "项目", "数值", "单位"]


def render_annex(*, title: str, rows: list[list], notes: list[str] = ()) -> bytes:
    return render_xlsx(title=title, headers=ANNEX_HEADERS, rows=rows, notes=list(notes))
