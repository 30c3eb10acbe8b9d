"""Throughput of normalise + extract: 3 KB documents per second, and whole .docx files."""

import io
import time
from pathlib import Path

from gonghui.core.bench import Case

from .readers import read_bytes
from .report import analyse_text

CORPUS = Path(__file__).resolve().parent / "tests" / "corpus"
DOC_BYTES = 3 * 1024


def sample_documents(size: int = DOC_BYTES) -> list[str]:
    """Corpus documents (plain, traditional, pinyin-corrupted, HTML) padded or cut to ~3 KB."""
    docs = []
    for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.html")):
        text = read_bytes(path.read_bytes(), name=path.name.removesuffix(".docx.txt") + ".txt")
        while len(text.encode()) < size:
            text += "\n" + text
        docs.append(text.encode()[:size].decode("utf-8", "ignore"))
    return docs


def _docx_files(docs: list[str]) -> list[bytes]:
    # python-docx only to build the bench's sample file (start-up cost).
    import docx

    files = []
    for text in docs[:10]:
        document = docx.Document()
        for line in text.split("\n"):
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        files.append(buffer.getvalue())
    return files


def _throughput(run, count: int, seconds: float = 2.0) -> dict:
    run()
    done, started = 0, time.perf_counter()
    cpu_started = time.process_time()
    while time.perf_counter() - started < seconds:
        run()
        done += count
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return {
        "docs_per_second": round(done / wall, 1),
        "docs_per_cpu_second": round(done / cpu, 1) if cpu else None,
    }


def cases(ctx) -> list[Case]:
    docs = sample_documents()
    files = _docx_files(docs)

    def text_batch():
        for text in docs:
            analyse_text(text)

    def docx_batch():
        for data in files:
            analyse_text(read_bytes(data, name="report.docx"))

    return [
        Case(
            name=f"ingest: normalise+extract {len(docs)} × 3 KB docs",
            run=text_batch,
            repeat=5,
            extra=lambda: {"target_docs_per_second": 300, **_throughput(text_batch, len(docs))},
        ),
        Case(
            name=f"ingest: read+normalise+extract {len(files)} .docx",
            run=docx_batch,
            repeat=5,
            extra=lambda: _throughput(docx_batch, len(files)),
        ),
    ]
