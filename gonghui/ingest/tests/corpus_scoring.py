"""Precision and recall of extracted facts against the hand-annotated corpus."""

import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from gonghui.ingest.readers import read_bytes
from gonghui.ingest.report import Report, analyse_text

CORPUS = Path(__file__).resolve().parent / "corpus"
REPO_ROOT = Path(__file__).resolve().parents[3]
# The seed pages kept beside the repository; GONGHUI_SEEDS_DIR points elsewhere.
SEEDS = Path(os.environ.get("GONGHUI_SEEDS_DIR") or REPO_ROOT.parent / "shared" / "seeds")


def docx_bytes(text: str) -> bytes:
    """A Word file holding the text, one paragraph per line (built here, not committed)."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def load_source(annotation: dict, folder: Path) -> tuple[bytes, str]:
    raw = (folder / annotation["source"]).read_text(encoding="utf-8")
    if annotation.get("format") == "docx":
        return docx_bytes(raw), annotation["source"].removesuffix(".txt")
    return raw.encode("utf-8"), annotation["source"]


def gold_spans(text: str, facts: list[dict]) -> list[tuple[int, int]]:
    spans, position = [], 0
    for fact in facts:
        start = text.find(fact["quote"], position)
        if start < 0:
            start = text.find(fact["quote"])
        if start < 0:
            raise AssertionError(f"annotated quote {fact['quote']!r} is not in the normalised text")
        spans.append((start, start + len(fact["quote"])))
        position = start + len(fact["quote"])
    return spans


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    def add(self, other: "Score") -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold
        self.misses += other.misses
        self.spurious += other.spurious


def _same_value(a, b) -> bool:
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def score_report(report: Report, annotation: dict, label: str) -> Score:
    text = report.normalized.text
    gold = annotation["facts"]
    spans = gold_spans(text, gold)
    matched: set[int] = set()
    score = Score(predicted=len(report.facts), gold=len(gold))
    for fact in report.facts:
        hit = None
        for index, (g, (start, end)) in enumerate(zip(gold, spans, strict=True)):
            if index in matched:
                continue
            if (
                fact.unit == g["unit"]
                and _same_value(fact.value, g["value"])
                and fact.start < end
                and start < fact.end
            ):
                hit = index
                break
        if hit is None:
            score.spurious.append(f"{label}: {fact.quote} ({fact.value} {fact.unit})")
        else:
            matched.add(hit)
            score.true_positives += 1
    for index, g in enumerate(gold):
        if index not in matched:
            score.misses.append(f"{label}: {g['quote']} ({g['value']} {g['unit']})")
    return score


def score_folder(folder: Path, sources: Path | None = None) -> tuple[Score, dict[str, Score]]:
    total, per_document = Score(), {}
    for path in sorted(folder.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        data, name = load_source(annotation, sources or folder)
        report = analyse_text(read_bytes(data, name=name))
        score = score_report(report, annotation, path.stem)
        per_document[path.stem] = score
        total.add(score)
    return total, per_document
