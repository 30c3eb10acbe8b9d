"""Numbers written every way become plain values in base units with their qualifier."""

import pytest

from gonghui.ingest.numbers import parse_chinese
from gonghui.ingest.report import analyse_text


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十五", 15), ("二十", 20), ("一百零五", 105), ("两万", 20000),
     ("一千二百", 1200), ("三〇五", 305), ("一亿二千万", 120_000_000)],
)  # fmt: skip
def test_chinese_numerals(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["五一", "三八", "一一", "五五"])
def test_names_made_of_digits_are_not_numbers(text):
    assert parse_chinese(text) is None


def facts(text):
    return [(f.value, f.unit, f.qualifier) for f in analyse_text(text).facts]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("收到捐款5880元。", (5880, "元", "")),
        ("浏览量达2.4万余次。", (24000, "次", "余")),
        ("发放慰问金137万多元。", (1370000, "元", "多")),
        ("慰问困难群体近1.7万人。", (17000, "人", "近")),
        ("筹集资金867.4万元。", (8674000, "元", "")),
        ("投入经费二十余万元。", (200000, "元", "余")),
        ("资助学生上万名。", (10000, "名", "上")),
        ("发放专项补助费57万能元。", (570000, "元", "")),
        ("参与干部职工422人次。", (422, "人次", "")),
        ("开展宣讲15场次。", (15, "场次", "")),
        ("分为七个小组。", (7, "个", "")),
        ("覆盖单位1,862家。", (1862, "家", "")),
        ("返还经费1.2亿元。", (120_000_000, "元", "")),
        ("满意率为百分之六十五。", (65, "%", "")),
        ("培训职工5 期。", (5, "期", "")),
        ("服务时长超过9万小时。", (90000, "小时", "超过")),
    ],
)
def test_quantities(sentence, expected):
    assert facts(sentence) == [expected]


def test_ranges_keep_both_ends():
    report = analyse_text("按职工总数的40%-50%安排,建设2--3个基地,每批30至50人,计划1.5万至2万人。")
    ranges = [(f.value, f.value_max, f.unit) for f in report.facts]
    assert ranges == [(40, 50, "%"), (2, 3, "个"), (30, 50, "人"), (15000, 20000, "人")]


def test_per_person_rates():
    [fact] = analyse_text("专科生每人2500元。").facts
    assert (fact.value, fact.unit, fact.per, fact.quote) == (2500, "元", "人", "每人2500元")


def test_subject_says_what_is_counted():
    report = analyse_text(
        "各级工会走访慰问困难企业126家,发放慰问金137万多元,共计收到捐款5880元、捐书672本。"
    )
    assert [f.subject for f in report.facts] == [
        "走访慰问困难企业",
        "发放慰问金",
        "收到捐款",
        "捐书",
    ]
