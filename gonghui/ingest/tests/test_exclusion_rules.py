"""Each named exclusion rule: a number with a measure word that it rejects, and a near miss
that stays a fact (so every rule can fail for its own reason)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gonghui.ingest import extract
from gonghui.ingest.extract import EXCLUSIONS, QUANTITY_RE, Candidate, excluded_by, extract_facts
from gonghui.ingest.lexicon import measure_words, place_at, unit_class
from gonghui.ingest.numbers import parse_chinese
from gonghui.ingest.textnorm import normalize


def facts(text: str) -> list[tuple]:
    return [(f.quote, f.value, f.unit) for f in extract_facts(normalize(text))]


def rule_for(text: str, quote: str) -> str | None:
    """The rule that rejects the match of `quote` in `text` (None when it is a fact)."""
    start = text.index(quote)
    for match in QUANTITY_RE.finditer(text):
        if match.start() <= start < match.end() or start <= match.start() < start + len(quote):
            unit = measure_words()[match.group("unit")].canonical
            c = Candidate(text, match, extract._quote_ranges(text), {}, match.start("n1"),
                          match.group("n1"), unit, match.group("pre"))  # fmt: skip
            return excluded_by(c)
    raise AssertionError(f"{quote!r} is not matched at all")


CASES = [
    # (rule, text where it rejects, quote, text where the same figure is a fact, quote)
    ("ordinal", "荣获第三名。", "三名", "评出七名技术能手。", "七名"),
    ("identifier", "地址:人民路88号A3栋,电话:6212345人", "6212345人", "共有88名职工参加。", "88名"),
    ("inside_word", "开展星期三场地检查", "三场", "开展三场检查。", "三场"),
    ("inside_word", "购置电动三轮车。", "三轮", "开展三轮检查。", "三轮"),
    ("inside_word", "按照三步走的安排推进。", "三步", "健步走累计三万步。", "三万步"),
    # The name of a period (两节: 元旦 and 春节) and the set phrase for a form's copies.
    ("inside_word", "两节期间共慰问困难职工863户。", "两节", "开设法律课程两节。", "两节"),
    ("inside_word", "推荐表(一式三份)报市总工会。", "三份", "报送推荐表三份。", "三份"),
    ("rank", "前三名选手获奖励。", "三名", "有三名选手获奖励。", "三名"),
    ("article", "选派一名联络员。", "一名", "选派两名联络员。", "两名"),
    ("numeral_word", "现场来了四五个人。", "四五个", "现场来了45个人。", "45个"),
    # A bare 二 before a classifier names a tier (二本院校); a count says 两.
    ("numeral_word", "考入二本及以下院校的468名。", "二本", "发放法律图书两本。", "两本"),
    ("place_name", "三台县总工会慰问职工", "三台", "购置电脑三台。", "三台"),
    ("quoted_name", "学习“三个代表”重要思想。", "三个", "组建三个代表队。", "三个"),
    (
        "duration_or_threshold",
        "户外劳动者每天工作12小时。",
        "12小时",
        "志愿服务时长超过9万小时。",
        "9万小时",
    ),
    (
        "duration_or_threshold",
        "对连续作业3小时以上的岗位送清凉",
        "3小时以上",
        "累计服务3小时。",
        "3小时",
    ),
    (
        "duration_or_threshold",
        "每年开展技术讲座不少于20场。",
        "20场",
        "今年开展技术讲座20场。",
        "20场",
    ),
    ("duration_or_threshold", "每人最高救助1万元。", "1万元", "共救助1万元。", "1万元"),
    # A bracket's bound: the figure says whom a share counts, not an amount paid.
    (
        "duration_or_threshold",
        "月收入在6000元以上的占37.6%。",
        "6000元以上",
        "发放慰问金6000元以上。",
        "6000元以上",
    ),
    ("duration_or_threshold", "100人以上的企业全部建会。", "100人", "帮扶职工100人以上。", "100人"),
    # A duration qualifying the noun after it: how long a service runs, not hours given.
    (
        "duration_or_threshold",
        "为一线职工提供24小时心理疏导服务。",
        "24小时",
        "心理咨询师累计服务24小时。",
        "24小时",
    ),
    ("duration_or_threshold", "公示时间5个工作日。", "5个", "评出5个先进集体。", "5个"),
    # A bound before the number: which part a rule covers, not an amount paid.
    (
        "duration_or_threshold",
        "自付费用超过1000元的部分按比例补助。",
        "超过1000元",
        "发放互助金超过1000元。",
        "超过1000元",
    ),
    # How long one event lasts, not hours of service given.
    (
        "duration_or_threshold",
        "上午8:30开始,活动时长约2小时。",
        "约2小时",
        "志愿服务时长约2万小时。",
        "约2万小时",
    ),
    # The rules of taking part: an allowance, a per-attempt figure, a time limit.
    (
        "duration_or_threshold",
        "竞赛在线上进行,每人每天可答题3次,每次20道题,限时10分钟。",
        "3次",
        "全年举办线上答题3次。",
        "3次",
    ),
    (
        "duration_or_threshold",
        "竞赛在线上进行,每人每天可答题3次,每次20道题,限时10分钟。",
        "20道",
        "题库本月新增20道题。",
        "20道",
    ),
    (
        "duration_or_threshold",
        "竞赛在线上进行,每人每天可答题3次,每次20道题,限时10分钟。",
        "10分钟",
        "讲解员讲解了10分钟。",
        "10分钟",
    ),
    ("duration_or_threshold", "每个单位限报3人。", "3人", "每个单位选派3人。", "3人"),
    ("metadata_line", "来源:市总工会 阅读 2286次\n正文", "2286次", "阅读量突破2286次。", "2286次"),
    ("enumeration", "突出三项举措:一是抓思想,二是抓维权。", "三项", "完成三项改革任务。", "三项"),
    (
        "enumeration",
        "我们重点做了三件事。第一,建设驿站;第二,开展比武。",
        "三件",
        "我们办结三件事。职工很满意。",
        "三件",
    ),
    ("rank", "供电局队、集团队分获二、三名。", "三名", "评出二等奖三名。", "三名"),
    (
        "back_reference",
        "一、救助1260户;二、资助530名。\n以上三项合计发放758万元。",
        "三项",
        "全年完成改革任务三项,以上合计758万元。",
        "三项",
    ),
    ("session_count", "十一届四次全委会召开", "四次", "召开全委会四次。", "四次"),
    ("chinese_rate", "效率提高三倍,", "三倍", "效率提高3倍,", "3倍"),
]


@pytest.mark.parametrize("rule,text,quote,fact_text,fact_quote", CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])  # fmt: skip
def test_each_rule_rejects_its_case_and_keeps_the_near_miss(
    rule, text, quote, fact_text, fact_quote
):
    assert rule_for(text, quote) == rule
    assert rule_for(fact_text, fact_quote) is None
    assert any(q == fact_quote or fact_quote in q for q, _v, _u in facts(fact_text))


def test_every_rule_has_a_case():
    assert {name for name, _rule in EXCLUSIONS} == {case[0] for case in CASES}


def test_a_numeral_at_the_very_start_of_a_text_is_a_fact():
    assert facts("5000名农民工乘坐返乡专车") == [("5000名", 5000, "名")]


def test_parenthesised_compounds_are_attendances_and_sessions():
    assert facts("开展服务420场(次),服务职工12万人(次)。") == [
        ("420场(次)", 420, "场次"),
        ("12万人(次)", 120000, "人次"),
    ]


def test_approximation_markers_on_either_side_and_round_figures():
    assert facts("投入资金约300万元左右,走访企业近500家,参赛职工上万人,组织竞赛上千场。") == [
        ("约300万元左右", 3000000, "元"),
        ("近500家", 500, "家"),
        ("上万人", 10000, "人"),
        ("上千场", 1000, "场"),
    ]


def round_facts(text: str) -> list[tuple]:
    return [
        (f.quote, f.value, f.unit, f.qualifier, f.approximate)
        for f in extract_facts(normalize(text))
    ]


def test_round_figures_in_words_are_approximate_lower_bounds():
    assert round_facts("惠及数万名职工,为近千名劳动者投保,参赛职工上万人。") == [
        ("数万名", 10000, "名", "数", True),
        ("近千名", 1000, "名", "近", True),
        ("上万人", 10000, "人", "上", True),
    ]
    assert round_facts("组织数十场宣讲,受益群众数十万人。") == [
        ("数十场", 10, "场", "数", True),
        ("数十万人", 100000, "人", "数", True),
    ]


def test_a_round_figure_without_a_measure_word_counts_the_noun_after_it():
    assert round_facts("吸引了数以千计的职工走上赛场,数以万计的家庭受益。") == [
        ("数以千计的职工", 1000, "人", "数以千计", True),
        ("数以万计的家庭", 10000, "户", "数以万计", True),
    ]
    # No unit to give: not a fact.
    assert round_facts("赠送数以万计的图书。") == []


def test_written_figures_stay_exact_beside_round_ones():
    assert round_facts("参保人数3.2万人,走访企业近500家。") == [
        ("3.2万人", 32000, "人", "", False),
        ("近500家", 500, "家", "近", False),
    ]
    found = extract_facts(normalize("惠及数万名职工。"))[0]
    assert found.as_dict()["approximate"] is True
    assert "approximate" not in extract_facts(normalize("惠及5名职工。"))[0].as_dict()


def test_rarer_measure_words_after_arabic_and_chinese_numerals():
    found = facts(
        "捐赠棉被600床、图书三百册,开行专车160趟,口罩2万只,岗位12类,方便面五十箱,菜品180道。"
    )
    assert [u for _q, _v, u in found] == ["床", "册", "趟", "只", "类", "箱", "道"]
    assert found[1][1] == 300 and found[5][1] == 50


def test_individual_classifiers_of_things():
    found = facts("发放暖贴2000片、奖牌五枚、路灯30盏、无人机3架、大米500斤,出动船只12艘。")
    assert [(u, v) for _q, v, u in found] == [
        ("片", 2000),
        ("枚", 5),
        ("盏", 30),
        ("架", 3),
        ("斤", 500),
        ("艘", 12),
    ]


def test_steps_and_laps_are_movements_counted_with_any_magnitude():
    found = extract_facts(normalize("线上健步走累计步数超过35亿步,环湖跑共跑了1200圈。"))
    assert [(f.quote, f.value, f.unit, f.unit_class, f.qualifier) for f in found] == [
        ("超过35亿步", 3500000000, "步", "movement", "超过"),
        ("1200圈", 1200, "圈", "movement", ""),
    ]
    # 步 as a word of the sentence: an article, an ordinal, a plan's name.
    assert facts("下一步将进一步推进,第一步是调研,按三步走推进。") == []


def test_a_figure_restated_on_a_page_is_one_fact():
    text = "慰问困难职工1860户\n此次活动慰问困难职工1860户。全市共慰问困难职工1860户。"
    found = extract_facts(normalize(text))
    assert [(f.quote, f.value) for f in found] == [("1860户", 1860)]
    assert len(found[0].restated_at) == 2


def test_the_same_small_figure_about_different_things_stays_two_facts():
    assert len(facts("评出技术标兵5名,另有5名职工获得表扬。慰问劳模5名。")) >= 2


def test_a_list_heading_restating_a_count_is_the_same_fact():
    text = "拟表彰五一劳动奖状10个、工人先锋号30个。\n一、五一劳动奖状(10个)\n二、工人先锋号(30个)"
    assert [q for q, _v, _u in facts(text)] == ["10个", "30个"]


def test_the_lexicon_classes_measure_words():
    assert unit_class("人次") == "attendance"
    assert unit_class("元") == "money"
    assert unit_class("箱") == "goods"
    assert unit_class("户") == "household"
    assert measure_words()["人(次)"].canonical == "人次"
    assert {f.unit_class for f in extract_facts(normalize("发放慰问金2万元,慰问120户。"))} == {
        "money",
        "household",
    }


def test_the_gazetteer_knows_places_with_numerals():
    assert place_at("三台县总工会", 0) == "三台县"
    assert place_at("七台河市", 0) == "七台河市"
    assert place_at("五家渠市", 0) == "五家渠市"
    assert place_at("三台电脑", 0) == ""


@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_read_back_to_their_value(value):
    assert parse_chinese(to_chinese(value)) == value


@given(st.text(alphabet="零一二两三四五六七八九十百千万亿", max_size=12))
def test_the_chinese_numeral_parser_never_fails_on_numeral_characters(text):
    result = parse_chinese(text)
    assert result is None or result >= 0


@given(st.integers(min_value=1, max_value=9_999), st.sampled_from(["名", "户", "场", "元", "册"]))
def test_any_arabic_count_with_a_measure_word_is_read(value, unit):
    found = facts(f"今年共有{value}{unit}。")
    assert found == [(f"{value}{unit}", value, unit)]


_DIGITS = "零一二三四五六七八九"


def _below_10000(n: int, leading: bool) -> str:
    out, zero = "", False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit_value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if not (leading and not out and unit == "十" and digit == 1):
            out += _DIGITS[digit]
        out += unit
    return out


def to_chinese(n: int) -> str:
    """An integer written in Chinese numerals (12345 → 一万二千三百四十五)."""
    if n == 0:
        return "零"
    high, low = divmod(n, 10_000)
    if not high:
        return _below_10000(low, True)
    text = _below_10000(high, True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _below_10000(low, False)
    return text


def test_proposal_metrics_follow_the_measure_word_class():
    from gonghui.ingest.proposals import metric_of

    def metric(text):
        return [metric_of(f.as_dict()) for f in extract_facts(normalize(text))]

    assert metric("捐赠图书126箱,服务职工12万人(次),发放慰问金3万元,满意度91.2%。") == [
        "items",
        "attendances",
        "money",
        None,
    ]


def test_a_round_figure_is_never_added_to_written_figures_in_a_metric():
    from gonghui.ingest.proposals import assign_metrics

    def metrics(text):
        found = [f.as_dict() for f in extract_facts(normalize(text))]
        return assign_metrics(found, list(range(len(found))))

    # The round figure comes first on the page; the written one still gives the metric.
    values, sources = metrics("上万名职工参加,其中参加决赛职工320名,参加决赛职工80名。")
    assert values["participants"] == 400
    assert sources["participants"].left_out == (0,)
    # Alone, it gives the metric its magnitude.
    values, _sources = metrics("吸引了数以千计的职工参加。")
    assert values["participants"] == 1000


def test_a_list_of_written_figures_sharing_a_measure_word_is_not_a_rank():
    assert ("15名", 15, "名") in facts("两个小组分别有12、15名职工。")
