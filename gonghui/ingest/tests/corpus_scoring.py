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


def _all_spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def mention_spans(text: str, facts: list[dict], primary: list[tuple[int, int]]) -> list[list]:
    """Each gold fact's spans: its quote, and every occurrence of its further `mentions` (the
    same figure restated) that is not another fact's own quote."""
    taken = set(primary)
    result = []
    for fact, span in zip(facts, primary, strict=True):
        spans = [span]
        for quote in dict.fromkeys(fact.get("mentions", [])):
            spans += [s for s in _all_spans(text, quote) if s not in taken and s not in spans]
        result.append(spans)
    return result


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
    org_right: bool = True
    date_right: bool = True
    org_found: str = ""

    @property
    def f1(self) -> float:
        if not self.gold and not self.predicted:
            return 1.0
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

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
    spans = mention_spans(text, gold, gold_spans(text, gold))
    matched: set[int] = set()
    score = Score(predicted=len(report.facts), gold=len(gold))
    for fact in report.facts:
        hit = None
        for index, (g, g_spans) in enumerate(zip(gold, spans, strict=True)):
            if index in matched:
                continue
            if (
                fact.unit == g["unit"]
                and _same_value(fact.value, g["value"])
                and any(fact.start < end and start < fact.end for start, end in g_spans)
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
        score.org_right = report.org == annotation["org"]
        score.date_right = report.date == annotation["date"]
        score.org_found = report.org
        per_document[path.stem] = score
        total.add(score)
    return total, per_document


@dataclass
class Evaluation:
    """A folder's figures: facts overall, organisation and date accuracy, and the worst page."""

    total: Score
    per_document: dict[str, Score]

    @property
    def documents(self) -> int:
        return len(self.per_document)

    @property
    def org_accuracy(self) -> float:
        return sum(s.org_right for s in self.per_document.values()) / self.documents

    @property
    def date_accuracy(self) -> float:
        return sum(s.date_right for s in self.per_document.values()) / self.documents

    def floor(self) -> tuple[str, float]:
        """The page with the lowest F1 of its facts (pages without facts count 1 when none
        were predicted, 0 otherwise)."""
        return min(((name, s.f1) for name, s in self.per_document.items()), key=lambda x: x[1])

    def summary(self) -> str:
        name, floor = self.floor()
        return (
            f"{self.documents} documents, {self.total.gold} facts: precision "
            f"{self.total.precision:.3f}, recall {self.total.recall:.3f}, organisation "
            f"{self.org_accuracy:.3f}, date {self.date_accuracy:.3f}, per-document F1 floor "
            f"{floor:.3f} ({name})"
        )


def evaluate(folder: Path, sources: Path | None = None) -> Evaluation:
    total, per_document = score_folder(folder, sources)
    return Evaluation(total, per_document)


if __name__ == "__main__":  # python -m gonghui.ingest.tests.corpus_scoring FOLDER
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    result = evaluate(Path(sys.argv[1]))
    for doc, s in result.per_document.items():
        print(
            f"{doc}: P {s.precision:.2f} R {s.recall:.2f} org "
            f"{'ok' if s.org_right else 'WRONG ' + repr(s.org_found)} date "
            f"{'ok' if s.date_right else 'WRONG'}"
        )
    for line in result.total.misses:
        print("  missed:", line)
    for line in result.total.spurious:
        print("  spurious:", line)
    print(result.summary())
