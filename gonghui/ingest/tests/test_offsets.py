"""Every normalised span maps back to the span of the original text that produced it."""

import pytest

from gonghui.ingest.report import analyse_text
from gonghui.ingest.textnorm import normalize


def test_span_maps_back_through_pinyin_and_traditional():
    original = "分享到:\n  發(fā)放慰問(wèn)金137萬(wàn)多元。\n"
    normalized = normalize(original)
    assert normalized.text == "发放慰问金137万多元。"
    start = normalized.text.index("137")
    end = start + len("137万多元")
    assert normalized.original_text(start, end) == "137萬(wàn)多元"


@pytest.mark.seeds
def test_every_fact_of_a_seed_shows_its_original_span(seed_texts):
    report = analyse_text(seed_texts["000"])
    fact = next(f for f in report.facts if f.value == 5880)
    assert seed_texts["000"][fact.original_start : fact.original_end] == "5880元"
    fact = next(f for f in report.facts if f.value == 24000)
    assert seed_texts["000"][fact.original_start : fact.original_end] == "2.4萬余次"


def test_offsets_are_monotonic_and_in_range():
    original = "標題\r\n\u3000\u3000正文(zhèng)有１２３人。\n聯系我們\n"
    normalized = normalize(original)
    assert list(normalized.offsets) == sorted(normalized.offsets)
    assert all(0 <= o < len(original) for o in normalized.offsets)
    assert len(normalized.offsets) == len(normalized.text)


def test_empty_text_has_empty_mapping():
    normalized = normalize("")
    assert normalized.text == ""
    assert normalized.original_span(0, 0) == (0, 0)
