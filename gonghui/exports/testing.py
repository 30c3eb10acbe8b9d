"""Test helpers for list exports: the rows of an exported workbook."""

import io

from openpyxl import load_workbook


def sheet_rows(response_or_bytes) -> list[list]:
    """Every row of the first sheet (header first), cells as Python values."""
    content = getattr(response_or_bytes, "content", response_or_bytes)
    if not isinstance(content, bytes):  # a FileResponse
        content = b"".join(response_or_bytes.streaming_content)
    ws = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def sheet_text(response_or_bytes) -> str:
    return "\n".join(
        "\t".join("" if v is None else str(v) for v in row) for row in sheet_rows(response_or_bytes)
    )


def export_of(client, url: str, **params):
    """The workbook of a list's export link, asserting it was served at once."""
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats"), url
    return response
