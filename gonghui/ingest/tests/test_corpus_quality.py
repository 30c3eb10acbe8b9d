"""Precision and recall of facts on the annotated corpus (and the seeds when present)."""

import json

import pytest

from .corpus_scoring import CORPUS, SEEDS, evaluate, score_folder

THRESHOLD = 0.90
# The organisation must be right on this share of pages, and no single page may fall below
# this F1 of its facts (an average must not hide one bad page).
ORG_THRESHOLD = 0.90
PER_DOCUMENT_FLOOR = 0.75


def test_corpus_has_enough_documents():
    annotations = [json.loads(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.json")]
    assert len(annotations) >= 40
    variants = {a["variant"] for a in annotations}
    formats = {a["format"] for a in annotations}
    assert {"plain", "trad", "pinyin", "fullwidth"} <= variants
    assert {"txt", "html", "docx"} <= formats
    assert any(not a["facts"] for a in annotations)


def test_fact_precision_and_recall_on_corpus():
    total, per_document = score_folder(CORPUS)
    print(
        f"\ncorpus: {len(per_document)} documents, {total.gold} annotated facts, "
        f"precision {total.precision:.3f}, recall {total.recall:.3f}"
    )
    for line in total.misses:
        print("  missed:", line)
    for line in total.spurious:
        print("  spurious:", line)
    assert total.precision >= THRESHOLD
    assert total.recall >= THRESHOLD


@pytest.mark.seeds
def test_fact_precision_and_recall_on_seeds():
    total, per_document = score_folder(CORPUS / "seeds", SEEDS)
    for name, score in per_document.items():
        print(f"\nseed {name}: precision {score.precision:.3f}, recall {score.recall:.3f}", end="")
    print(f"\nseeds overall: precision {total.precision:.3f}, recall {total.recall:.3f}")
    assert total.precision >= THRESHOLD
    assert total.recall >= THRESHOLD


@pytest.mark.seeds
def test_organisation_and_date_on_seeds():
    result = evaluate(CORPUS / "seeds", SEEDS)
    for name, score in result.per_document.items():
        print(f"\nseed {name}: organisation {score.org_found!r}", end="")
    assert result.org_accuracy == 1.0
    assert result.date_accuracy == 1.0


def test_title_org_and_date_on_corpus():
    from gonghui.ingest.readers import read_bytes
    from gonghui.ingest.report import analyse_text

    from .corpus_scoring import load_source

    checked = right_org = right_date = 0
    for path in sorted(CORPUS.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        data, name = load_source(annotation, CORPUS)
        report = analyse_text(read_bytes(data, name=name))
        checked += 1
        right_org += report.org == annotation["org"]
        right_date += report.date == annotation["date"]
    print(f"\norg correct {right_org}/{checked}, date correct {right_date}/{checked}")
    assert right_date / checked >= THRESHOLD


def test_organisation_accuracy_and_per_document_floor_on_corpus():
    result = evaluate(CORPUS)
    print("\ncorpus:", result.summary())
    for name, score in result.per_document.items():
        if not score.org_right:
            print(f"  organisation wrong: {name}: {score.org_found!r}")
    assert result.org_accuracy >= ORG_THRESHOLD
    worst, floor = result.floor()
    assert floor >= PER_DOCUMENT_FLOOR, worst
