"""Quantified facts from normalised report text: number, unit, what is counted, qualifier."""

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from gonghui.ingest.textnorm import CJK, NormalizedText

from .lexicon import DURATION_CLASSES, counted_nouns, measure_words, place_at, unit_class
from .numbers import BIG_UNITS, SMALL_UNITS, parse_arabic, parse_chinese, plain_number

# The measure-word lexicon (data/measure_words.tsv), longest first so that 人次 wins over 人
# and 场(次) over 场.
UNITS = sorted(measure_words(), key=len, reverse=True)
_UNIT = "|".join(re.escape(unit) for unit in UNITS)
_ARABIC = r"\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?"
_CHN = r"[零〇一二两三四五六七八九十百千万亿]+"
_NUM = rf"(?:{_ARABIC}|{_CHN})"

QUANTITY_RE = re.compile(
    rf"""
    (?=[将接大不超近约逾上数\d零〇一二两三四五六七八九十百千万亿])  # cheap first-character filter
    (?P<pre>将近|接近|大约|不超过|超过|不足|不到|近|约|逾|超|上|数)?
    (?P<n1>{_NUM})(?P<qa>余|多)?(?P<m1>[万亿千百])?(?P<qb>余|多)?
    (?:
        (?P<u1>%|{_UNIT})?\s*(?:-{{1,2}}|~|至|到|—)\s*
        (?P<n2>{_NUM})(?P<m2>[万亿千百])?(?P<qc>余|多)?
    )?
    (?P<typo>能(?=元))?[ ]?
    (?P<unit>%|{_UNIT})
    (?P<post>以上|左右|以下)?
    """,
    re.VERBOSE,
)
PERCENT_RE = re.compile(
    r"百分之(?P<n>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)"
)

# A round figure written as a bare magnitude (上万, 近千, 数十, 数万): with a qualifier it is an
# approximate quantity whose value is the magnitude (a lower bound after 上, 数, 逾, 超过).
BARE_MAGNITUDES = frozenset({"十", "百", "千", "万", "十万", "百万", "千万", "亿"})
# Only these magnitudes may follow 上 (上千, 上万: "as many as"; 线上2000人 is online) or 数
# (数十, 数万: "several"; 人数3.2万 is a head count).
_ROUND_AFTER = {"上": BARE_MAGNITUDES - {"十"}, "数": BARE_MAGNITUDES}
# 数以千计的职工: a round figure with no measure word counts the noun after it.
ROUND_NOUN_RE = re.compile(
    r"数以(?P<m>十万|百万|千万|十|百|千|万|亿)计的?(?P<noun>"
    + "|".join(sorted(map(re.escape, counted_nouns()), key=len, reverse=True))
    + ")"
)

QUALIFIERS = {
    "将近",
    "接近",
    "大约",
    "不超过",
    "超过",
    "不足",
    "不到",
    "近",
    "约",
    "逾",
    "超",
    "上",
    "数",
}
_MULTIPLIERS = {**SMALL_UNITS, **BIG_UNITS}

# Contexts that make a number something other than a count.
_CONTACT_RE = re.compile(
    r"(?:电话|热线|邮编|邮政编码|传真|手机|QQ|编号|号码|备案|ICP|网址|地址)\s*(?:号码)?\s*[:：]?\s*$",
    re.I,
)
_PER_RE = re.compile(r"(?:每人|每户|每名|每位|每家|每场|每次|每月|每年|每天|人均|户均)$")
LEAD_IN_NOUNS = ("方面", "要求", "措施", "举措", "实事", "原则", "重点", "环节", "坚持", "必须",
                 "不准", "禁止", "转变", "结合", "提升", "行动", "工程", "做到", "带头", "意识")  # fmt: skip
_ENUMERATION_RE = re.compile(r"一是|一要|第一[,，、:：]|首先|其一|\n?一、|1[、.]")
# The first item of a list at the start of the next sentence (三件事。第一，…).
_LIST_START_RE = re.compile(r"[ \t　]*(?:一是|一要|第一[,，、:：]|首先|其一|一、|1[、.])")
_METADATA_RE = re.compile(
    r"^(?:时间|日期|发布时间|发布日期|发布|来源|作者|编辑|记者|点击|浏览|阅读)\s*[:：]|"
    # Page metadata is a label followed by a colon ("点击量:2286"); "点击量突破3.5万次" in a
    # sentence is a fact, not metadata.
    r"(?:发布时间|点击量|点击数|浏览次数|阅读量)\s*[:：]|\s来源[:：]|"
    r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?$"
)
_CLAUSE_BOUNDARY = ",，。;；:：、!?！？\n()（）《》"
_LEADING_WORDS = re.compile(
    r"^(?:其中|共计|共|累计|总计|合计|全年|目前|先后|已经|已|并|还|又|同时|此外|另外|截至目前|"
    r"年初以来|今年以来|期间|为|对|向|给|帮助|分别|现有|全市各级工会|各级工会|全市工会)+"
)
_TRAILING_WORDS = re.compile(
    r"(?:达到|共计|累计|总计|合计|达|共|计|为|了|有|各|总|的|到|出|约|逾)+$"
)
_NOUN_STOP_RE = re.compile(
    r"参加|参与|开展|实施|进行|深入|上学|分为|分别|获得|接受|完成|走进|来到|前往|赴|率|在|对|将|"
    r"被|作|为|是|都|已|到|等|的|同时|集中|刊发|发放|达到|共计"
)


@dataclass
class Fact:
    quote: str
    value: int | float
    unit: str
    subject: str
    qualifier: str
    start: int
    end: int
    value_max: int | float | None = None
    per: str | None = None
    original_start: int | None = None
    original_end: int | None = None
    unit_class: str = ""
    # Later places on the page where the same figure about the same thing is restated.
    restated_at: list[int] | None = None
    # A round figure in words (上万, 数万, 近千, 数以千计): `value` is its magnitude, the
    # qualifier says which side of it the quantity lies.
    approximate: bool = False

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("value_max", "per", "restated_at"):
            if data[key] is None:
                del data[key]
        if not data["approximate"]:
            del data["approximate"]
        return data


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """Short quoted names and slogans (“十四五”, 《两学一做》): numbers inside are not counts."""
    ranges = []
    for opener, closer, limit in (
        ("“", "”", 24),
        ("《", "》", 60),
        ('"', '"', 24),
        ("「", "」", 24),
    ):
        start = 0
        while True:
            a = text.find(opener, start)
            if a < 0:
                break
            b = text.find(closer, a + 1)
            if b < 0:
                break
            if b - a <= limit:
                ranges.append((a, b + 1))
            start = b + 1
    return sorted(ranges)


def _inside(ranges: list[tuple[int, int]], position: int) -> bool:
    for a, b in ranges:
        if a > position:
            return False
        if a < position < b:
            return True
    return False


def _value(number: str, magnitude: str | None) -> Decimal | None:
    if number[0].isdigit():
        base = parse_arabic(number)
    else:
        parsed = parse_chinese(number)
        base = None if parsed is None else Decimal(parsed)
    if base is None:
        return None
    if magnitude:
        base *= _MULTIPLIERS[magnitude]
    return base


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _is_lead_in(text: str, match: re.Match, chinese: bool) -> bool:
    after = text[match.end() : match.end() + 60]
    noun = re.match(rf"[“”‘’{CJK}]{{0,12}}?(?=[:：])", after)
    if noun is not None:
        return True
    if chinese and after.startswith(LEAD_IN_NOUNS):
        return True
    sentence = re.match(rf"[{CJK}]{{1,8}}[。！!]", after)
    if sentence is not None and _LIST_START_RE.match(after, sentence.end()):
        return True
    return bool(
        chinese
        and _ENUMERATION_RE.search(after[:50])
        and re.match(rf"[{CJK}]{{0,8}}[,，:：]", after)
    )


def _subject(text: str, start: int, end: int, unit: str, floor: int) -> str:
    left = start
    while left > floor and text[left - 1] not in _CLAUSE_BOUNDARY:
        left -= 1
    before = text[left:start].replace("“", "").replace("”", "").strip()
    before = _TRAILING_WORDS.sub("", _LEADING_WORDS.sub("", before))
    if len(before) > 14:
        before = before[-14:]
    after = ""
    tail = text[end : end + 24].lstrip("的 ")
    if tail[:1] == "“":
        closing = tail.find("”")
        if closing > 0:
            after = tail[1:closing]
    elif tail[:1] and re.match(rf"[{CJK}]", tail[:1]):
        stop = _NOUN_STOP_RE.search(tail)
        after = tail[: stop.start() if stop else 12]
        after = re.split(rf"[^{CJK}A-Za-z0-9]", after)[0][:12]
    if unit == "元" or unit == "%" or not after:
        return before or after
    if before and len(before) <= 3:
        return before + after
    return after


@dataclass
class Candidate:
    """A number-and-measure-word match with the context the exclusion rules look at."""

    text: str
    match: re.Match
    quotes: list
    metadata_lines: dict
    number_start: int
    n1: str
    unit: str
    pre: str | None

    @property
    def chinese(self) -> bool:
        return not self.n1[0].isdigit()

    @property
    def previous_char(self) -> str:
        return self.text[self.number_start - 1] if self.number_start else ""

    @property
    def preceding(self) -> str:
        return self.text[max(0, self.number_start - 12) : self.number_start]

    @property
    def following(self) -> str:
        return self.text[self.match.end() : self.match.end() + 4]

    @property
    def clause_before(self) -> str:
        left = self.number_start
        while left > 0 and self.text[left - 1] not in _CLAUSE_BOUNDARY:
            left -= 1
        return self.text[left : self.number_start]


# --- exclusion rules: each names one reason a number with a measure word is not a fact ------

_PERIOD_RE = re.compile(
    r"(?:每天|每日|每晚|每周|每月|每年|日均|连续|持续|长达|为期|历时|限时|"
    # How long one event lasts (活动时长约2小时), not hours of service given (服务时长9万小时).
    r"(?:活动|会议|比赛|竞赛|培训|讲座|课程|考试|答题|仪式)(?:时长|时间))[^,，。;；]{0,8}$"
)
# What a participant may or must do under a rule (每人每天可答题3次, 每次20道题, 限报3人):
# an allowance, not a quantity achieved.
_ALLOWANCE_RE = re.compile(
    r"(?:(?:每人|每天|每日|每周|每月|每轮|每单位|每个单位)[^,，。;；!?！？\n]{0,6}"
    r"(?:可|能|限|须|需|应|最多)[^,，。;；]{0,6}|限报|限)$"
)
# A rule's allowance reaches the clauses after it in one sentence (…可答题3次，每次20道题).
_SENTENCE_END = "。;；!?！？\n"
_THRESHOLD_RE = re.compile(r"(?:不少于|不低于|不小于|至少|最少)$")
# A cap a rule sets for each person or household (每人最高救助1万元, 每人每年标准不超过2500元).
_CAP_RE = re.compile(
    r"(?:每人|每户|每名|人均|每年|标准)[^,，。;；]{0,6}(?:最高|最多|不超过|上限为?)[^,，。;；]{0,3}$"
)
_DURATION_AFTER = ("月", "工作日", "小时", "季度", "学期", "星期", "周", "天")
_CJK_RE = re.compile(rf"[{CJK}]")


def rule_ordinal(c: Candidate) -> bool:
    """第七届, 第3名: an ordinal, not a count (a number at the very start of a text has no 第)."""
    return c.previous_char == "第"


_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_./:#-")


def rule_identifier(c: Candidate) -> bool:
    """Digits glued to letters, digits or code punctuation (A3栋, 2023-5号), and numbers after
    电话/邮编/编号/ICP: identifiers, not counts."""
    previous = c.previous_char
    if previous and (previous.isdigit() or previous in _CODE_CHARS):
        return True
    return bool(_CONTACT_RE.search(c.preceding))


# A Chinese numeral and measure word that make a word with what follows (三轮车, 三步走).
_COMPOUND_AFTER = {"轮": ("车",), "台": ("阶",), "角": ("形",), "边": ("形",),
                   "步": ("走", "法", "工作法")}  # fmt: skip


# Words after a numeral and measure word that make them the name of a period (两节期间: the
# festivals 元旦 and 春节), never a count of things.
_PERIOD_NAME_AFTER = ("期间", "前夕", "之际")


def rule_inside_word(c: Candidate) -> bool:
    """A Chinese numeral inside a word: 星期三, 唯一, 统一, 双十佳, 周一, 初三, 之一, a
    numeral with a measure word that make a noun (三轮车, 三角形, 三步走, 四步工作法) or the
    name of a period (两节期间, 两节前夕), and the set phrase for a form's copies (一式三份)."""
    if c.text.endswith("一式", 0, c.number_start):
        return True
    if not c.chinese:
        return False
    if c.previous_char and c.previous_char in "星期周初之统唯单万双":
        return True
    if c.following.startswith(_PERIOD_NAME_AFTER) and c.match.end() == c.match.end("unit"):
        return True
    return c.following.startswith(_COMPOUND_AFTER.get(c.unit, ("\0",)))


_PLACE_NUMERALS = frozenset("一二三四五六七八九十")


def rule_rank(c: Candidate) -> bool:
    """前三名, 前10位, 分获二、三名: a rank in a competition, not a number of people."""
    if c.unit not in ("名", "位", "强"):
        return False
    if c.previous_char in ("前", "后"):
        return True
    # A list of single Chinese numerals sharing one 名 (分获二、三名) names places, not a head
    # count (12、15名 may be two groups' sizes).
    before = c.text[c.number_start - 2 : c.number_start - 1] if c.number_start >= 2 else ""
    return c.previous_char == "、" and before in _PLACE_NUMERALS and c.n1 in _PLACE_NUMERALS


def rule_article(c: Candidate) -> bool:
    """一名联络员, 一批: 一 as an article; a bare 百/千/万 (万家灯火, 千家万户) is a word."""
    return c.chinese and (
        c.n1 == "一" or (c.n1 in ("百", "千", "万", "亿", "千万", "百万") and not c.pre)
    )


# Standard measures, which a bare 二 may count (二斤); a classifier counts with 两.
_MEASURE_CLASSES = frozenset({"money", "length", "area", "weight", "duration", "percentage"})


def rule_numeral_word(c: Candidate) -> bool:
    """Chinese digits without place values (五一, 三八, 十四五 as 十四五): names of days and
    programmes such as 五一劳动奖章 or 三八红旗手, never counts. A bare 二 before a classifier
    is a name too (二本院校: a university tier, 二类): a count says 两 (两本书)."""
    if not c.chinese or c.n1 in ("百", "千", "万", "亿"):
        return False
    if c.n1 == "二" and not c.match.group("m1") and unit_class(c.unit) not in _MEASURE_CLASSES:
        return True
    return parse_chinese(c.n1) is None


def rule_place_name(c: Candidate) -> bool:
    """三台县, 七台河市, 五家渠, 九阡镇: a place name holding a numeral (the gazetteer)."""
    return c.chinese and bool(place_at(c.text, c.number_start))


def rule_quoted_name(c: Candidate) -> bool:
    """A number inside a short quoted name or a book title (“十四五”, 《两学一做》)."""
    return _inside(c.quotes, c.number_start)


def rule_metadata_line(c: Candidate) -> bool:
    """Page metadata (发布时间, 点击量:2286, a bare date line), not the report."""
    line_start, line_end = _line_bounds(c.text, c.match.start())
    if line_start not in c.metadata_lines:
        c.metadata_lines[line_start] = bool(_METADATA_RE.search(c.text[line_start:line_end]))
    return c.metadata_lines[line_start]


def rule_enumeration(c: Candidate) -> bool:
    """三项举措：一是…, 五件实事: a count announcing a list that follows, not a result."""
    return _is_lead_in(c.text, c.match, c.chinese)


_BOUND_BEFORE = ("超过", "不超过", "不足", "不到")
_RULE_SENTENCE_RE = re.compile(r"(?:每人|每天|每日)[^,，。;；]{0,6}(?:可|限|须|需|应)")


_PER_ATTEMPT_RE = re.compile(r"(?:每次|每轮|每题|限时|限)[^,，。;；]{0,4}$")


def _allowance_in_sentence(c: Candidate, clause: str) -> bool:
    """A per-attempt figure or a limit in a sentence that has set a participant's allowance
    (每人每天可答题3次，每次20道题，限时10分钟)."""
    if not _PER_ATTEMPT_RE.search(clause):
        return False
    left = c.number_start
    while left > 0 and c.text[left - 1] not in _SENTENCE_END:
        left -= 1
    return bool(_RULE_SENTENCE_RE.search(c.text, left, c.number_start))


def rule_duration_or_threshold(c: Candidate) -> bool:
    """每天工作12小时, 3小时以上, 不少于20场, 5个工作日, 3个月, 每人最高1万元: a duration,
    a per-period figure, a threshold or a cap that a rule sets, not a quantity achieved.
    Two forms of it need no marker word before the number: a bracket's bound (月收入在6000元
    以上的占37.6%, 100人以上的企业: the figure describes whom a share counts), and a duration
    that qualifies the noun after it (提供24小时心理疏导服务, 8小时工作制: how long a service
    runs, not hours given). A bound before the number works the same way (自付费用超过1000元
    的部分: which part a rule covers). An event's length (活动时长约2小时, 限时10分钟) and an
    allowance a rule gives a participant (每人每天可答题3次, 每次20道题) are rules of taking
    part, not counts of what was done."""
    if c.unit == "个" and c.following.startswith(_DURATION_AFTER):
        return True
    if _THRESHOLD_RE.search(c.preceding) or _CAP_RE.search(c.preceding):
        return True
    clause = c.clause_before
    if ("每" in clause or "限" in clause) and (
        _ALLOWANCE_RE.search(clause) or _allowance_in_sentence(c, clause)
    ):
        return True
    bound = c.match.group("post") in ("以上", "以下")
    if bound and (c.preceding.endswith("在") or c.following.startswith("的")):
        return True
    if c.pre in _BOUND_BEFORE and c.following.startswith("的"):
        return True
    if unit_class(c.unit) in DURATION_CLASSES:
        return bool(
            _PERIOD_RE.search(c.clause_before)
            or bound
            or (not c.match.group("post") and _CJK_RE.match(c.following[:1]))
        )
    return False


def rule_chinese_rate(c: Candidate) -> bool:
    """百分之 is read separately; 三% or 两倍 written in Chinese numerals is a turn of phrase."""
    return c.unit in ("%", "倍") and c.chinese


_BACK_REFERENCE_RE = re.compile(r"(?:^|[,，。;；:：\n])\s*(?:以上|上述|前述)$")


def rule_back_reference(c: Candidate) -> bool:
    """以上三项合计, 上述5家: the count of items the page has just listed, not a new quantity."""
    return bool(_BACK_REFERENCE_RE.search(c.preceding))


def rule_session_count(c: Candidate) -> bool:
    """十一届四次全委会: 次 after 届 numbers a meeting."""
    return c.previous_char == "届" and c.unit in ("次", "届")


EXCLUSIONS = (
    ("ordinal", rule_ordinal),
    ("identifier", rule_identifier),
    ("inside_word", rule_inside_word),
    ("rank", rule_rank),
    ("article", rule_article),
    ("numeral_word", rule_numeral_word),
    ("session_count", rule_session_count),
    ("chinese_rate", rule_chinese_rate),
    ("place_name", rule_place_name),
    ("quoted_name", rule_quoted_name),
    ("duration_or_threshold", rule_duration_or_threshold),
    ("metadata_line", rule_metadata_line),
    ("enumeration", rule_enumeration),
    ("back_reference", rule_back_reference),
)


def excluded_by(c: Candidate) -> str | None:
    """The name of the first rule that says the candidate is not a fact, or None."""
    for name, rule in EXCLUSIONS:
        if rule(c):
            return name
    return None


def extract_facts(normalized: NormalizedText) -> list[Fact]:
    text = normalized.text
    quotes = _quote_ranges(text)
    facts: list[Fact] = []
    metadata_lines: dict[int, bool] = {}
    floor = 0
    for match in QUANTITY_RE.finditer(text):
        fact = _fact_from_match(text, match, quotes, metadata_lines, floor)
        if fact is not None:
            facts.append(fact)
            floor = fact.end
    for match in PERCENT_RE.finditer(text):
        fact = _percent_from_match(text, match, quotes)
        if fact is not None:
            facts.append(fact)
    if "数以" in text:
        for match in ROUND_NOUN_RE.finditer(text):
            fact = _round_noun_from_match(text, match, quotes)
            if fact is not None:
                facts.append(fact)
    facts.sort(key=lambda f: f.start)
    facts = merge_restatements(text, facts)
    for fact in facts:
        fact.original_start, fact.original_end = normalized.original_span(fact.start, fact.end)
    return facts


def _fact_from_match(text, match, quotes, metadata_lines, floor) -> Fact | None:
    start, end = match.span()
    n1, pre = match.group("n1"), match.group("pre")
    unit = measure_words()[match.group("unit")].canonical if match.group("unit") != "%" else "%"
    number_start = match.start("n1")
    if pre in _ROUND_AFTER and n1 not in _ROUND_AFTER[pre]:
        # 线上2000人 is online and 人数3.2万人 a head count; only 上万 or 数万 is a round figure.
        pre = None
        start = number_start
    candidate = Candidate(text, match, quotes, metadata_lines, number_start, n1, unit, pre)
    if excluded_by(candidate) is not None:
        return None

    value = _value(n1, match.group("m1"))
    if value is None:
        return None
    value_max = None
    if match.group("n2"):
        high_magnitude = match.group("m2") or match.group("m1")
        value_max = _value(match.group("n2"), high_magnitude)
        if value_max is None:
            return None
        if not match.group("m1") and match.group("m2"):
            value = _value(n1, match.group("m2"))
        if value_max <= value:
            return None
    qualifier = pre or ""
    for group in ("qa", "qb", "qc"):
        if match.group(group):
            qualifier = qualifier or match.group(group)
    if match.group("post"):
        qualifier = qualifier or match.group("post")
    per_match = _PER_RE.search(text, max(0, start - 3), start)
    per = None
    if per_match:
        per = (
            per_match.group(0)[-1] if per_match.group(0).startswith("每") else per_match.group(0)[0]
        )
        start = per_match.start()
    subject = _subject(text, start, end, unit, floor)
    return Fact(
        quote=text[start:end],
        value=plain_number(value),
        unit=unit,
        subject=subject,
        qualifier=qualifier,
        start=start,
        end=end,
        value_max=None if value_max is None else plain_number(value_max),
        per=per,
        unit_class=unit_class(unit),
        approximate=bool(pre) and n1 in BARE_MAGNITUDES and not match.group("n2"),
    )


def _round_noun_from_match(text, match, quotes) -> Fact | None:
    """数以千计的职工: about 1 000 people (a lower bound), counted by the noun's unit."""
    if _inside(quotes, match.start()):
        return None
    unit = counted_nouns()[match.group("noun")]
    return Fact(
        quote=match.group(0),
        value=_MULTIPLIERS[match.group("m")]
        if len(match.group("m")) == 1
        else parse_chinese(match.group("m")),
        unit=unit,
        subject=match.group("noun"),
        qualifier=match.group(0)[: match.start("noun") - match.start()].removesuffix("的"),
        start=match.start(),
        end=match.end(),
        unit_class=unit_class(unit),
        approximate=True,
    )


def _percent_from_match(text, match, quotes) -> Fact | None:
    if _inside(quotes, match.start()):
        return None
    raw = match.group("n")
    if raw[0].isdigit():
        value = parse_arabic(raw)
    else:
        whole, _, decimals = raw.partition("点")
        parsed = parse_chinese(whole)
        if parsed is None:
            return None
        digits = "".join(
            str("零一二三四五六七八九".index(c)) if c != "〇" else "0" for c in decimals
        )
        value = Decimal(f"{parsed}.{digits}" if digits else parsed)
    if value is None:
        return None
    return Fact(
        quote=match.group(0),
        value=plain_number(value),
        unit="%",
        subject=_subject(text, match.start(), match.end(), "%", 0),
        qualifier="",
        start=match.start(),
        end=match.end(),
        unit_class="percentage",
    )


# --- restated figures -----------------------------------------------------------------------

_BARE_COUNT_RE = re.compile(r"[(（]\s*$")


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _same_thing(text: str, first: Fact, later: Fact, title_end: int) -> bool:
    """Whether a later fact with the same figure restates the first one: the same counted
    thing, the page's title restated in the body, a heading's bare count (“一、奖状（10个）”),
    or a figure distinctive enough (1 860 户, 12.9 万元) that a repeat on one page is the same."""
    if _bigrams(first.subject) & _bigrams(later.subject):
        return True
    if first.start < title_end:
        return True
    if text[max(0, first.start - 8) : first.start] == text[max(0, later.start - 8) : later.start]:
        return True  # a passage repeated word for word
    if _BARE_COUNT_RE.search(text[max(0, later.start - 2) : later.start]):
        return True
    value = float(later.value)
    return value >= 1000 or value != int(value)


def merge_restatements(text: str, facts: list[Fact]) -> list[Fact]:
    """One figure about one thing is one fact: a figure repeated later on the page (in the
    body after the title, in a site's summary, a repeated passage or a list heading) is kept
    once, at its first mention, with the later places in `restated_at`."""
    title_end = text.find("\n")
    title_end = 0 if title_end < 0 else title_end
    kept: list[Fact] = []
    seen: dict[tuple, list[Fact]] = {}
    for fact in facts:
        key = (fact.value, fact.unit, fact.value_max, fact.per)
        earlier = next(
            (f for f in seen.get(key, ()) if _same_thing(text, f, fact, title_end)), None
        )
        if earlier is not None:
            earlier.restated_at = [*(earlier.restated_at or ()), fact.start]
            continue
        seen.setdefault(key, []).append(fact)
        kept.append(fact)
    return kept
