"""PDF from the .docx through LibreOffice when it is installed (`soffice --headless`); without
it there is no PDF and the page says so. Bytes in, bytes out."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 60


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes) -> bytes | None:
    program = soffice()
    if program is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(data)
        try:
            subprocess.run(
                [program, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        target = Path(tmp) / "report.pdf"
        return target.read_bytes() if target.exists() else None
