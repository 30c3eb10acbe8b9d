"""Property tests: normalisation never crashes and never loses a character outside an insertion."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.core.chinese import to_simplified
from gonghui.ingest.report import analyse_text
from gonghui.ingest.textnorm import CJK, normalize, pinyin_insertions, simplify

CJK_RE = re.compile(f"[{CJK}]")
PIECES = st.sampled_from(
    ["機", "關", "動", "態", "工", "會", "傾", "聽", "(", ")", "（", "）", "jī", "guān", "tài", "de",
     "a", "PDF", "?", "左一", "5880", "元", "萬", "多", "近", "\n", " ", "分享到", "联系我们", "ā", "·"]
)  # fmt: skip
MESSY = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(MESSY)
def test_normalize_never_crashes_and_maps_every_character(text):
    normalized = normalize(text)
    assert len(normalized.offsets) == len(normalized.text)
    assert all(0 <= offset < len(text) for offset in normalized.offsets)
    for start in range(0, len(normalized.text), 7):
        normalized.original_span(start, min(start + 3, len(normalized.text)))


@settings(max_examples=300, deadline=None)
@given(MESSY)
def test_no_cjk_character_outside_an_insertion_is_lost(text):
    spans = pinyin_insertions(text)
    assert not any(CJK_RE.search(text[a:b]) for a, b in spans)
    output = normalize(text, drop_boilerplate=False).text
    assert len(CJK_RE.findall(output)) == len(CJK_RE.findall(text))


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789.,%-~万亿千百十余多近约上个人元次名家户的第年月日号")
        ),
        max_size=40,
    )
)
def test_extraction_never_crashes_on_number_soup(text):
    for fact in analyse_text(text).facts:
        assert fact.quote
        assert fact.value is not None


TRADITIONAL_SAMPLE = "乾隆瞭望一目瞭然著名麼么麽機關動態會議傾聽訴求萬億發展團結臺灣後來裏面"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(TRADITIONAL_SAMPLE + "的是,。\n ")), max_size=30))
def test_fast_simplify_agrees_with_opencc(text):
    assert simplify(text) == to_simplified(text)
