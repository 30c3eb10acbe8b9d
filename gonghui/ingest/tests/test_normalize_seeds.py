"""Normalisation repairs the seeds' pinyin insertions and keeps genuine brackets."""

import pytest

from gonghui.ingest.textnorm import normalize, pinyin_insertions, simplify


def test_pinyin_insertion_is_removed_and_simplified():
    assert normalize("機(jī)關(guān)").text == "机关"
    assert normalize("黨建動態(tài)").text == "党建动态"


def test_characters_without_insertion_are_only_simplified():
    assert normalize("傾聽職工訴(sù)求").text == "倾听职工诉求"


def test_genuine_brackets_are_kept():
    assert normalize("市总工会副主席谭红卫(左一)慰问").text == "市总工会副主席谭红卫(左一)慰问"
    assert normalize("五一巾帼标兵岗(标兵)各3个").text == "五一巾帼标兵岗(标兵)各3个"
    assert normalize("劳模。(市總組宣部)").text == "劳模。(市总组宣部)"
    assert normalize("中心組(擴(kuò)大)會(huì)議").text == "中心组(扩大)会议"


def test_latin_notes_in_brackets_are_not_mistaken_for_pinyin():
    assert normalize("上传文件(PDF)和照片(a)").text == "上传文件(PDF)和照片(a)"
    assert pinyin_insertions("手机(App)") == []


def test_neutral_tone_insertion_matching_the_character_is_removed():
    assert normalize("我們(men)的(de)工會(huì)").text == "我们的工会"


def test_mojibake_swallowed_bracket_is_removed():
    assert "qǐng" not in normalize("工人日?qǐng)?bào)記者").text


def test_full_width_digits_and_percent_are_folded():
    assert normalize("捐款５８８０元，占４０％").text == "捐款5880元,占40%"


def test_fast_simplify_matches_opencc_on_phrase_entries():
    from gonghui.core.chinese import to_simplified

    for sample in ("一目瞭然的乾隆年間", "著名的瞭望台", "工會機關動態", "沒有繁體字的句子"):
        assert simplify(sample) == to_simplified(sample)


@pytest.mark.seeds
def test_seed_page_is_repaired(seed_texts):
    text = normalize(seed_texts["000"]).text
    assert "省总工会机关召开5月份争创全国文明单位工作汇报会" in text
    assert "(" not in text.split("\n")[0]
