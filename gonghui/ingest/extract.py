"""Quantified facts from normalised report text: number, unit, what is counted, qualifier."""

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from gonghui.ingest.textnorm import CJK, NormalizedText

from .numbers import BIG_UNITS, SMALL_UNITS, parse_arabic, parse_chinese, plain_number

# Longest first so that 人次 wins over 人 and 场次 over 场.
UNITS = [
    "个百分点",
    "百分点",
    "平方米",
    "人次",
    "场次",
    "户次",
    "批次",
    "课时",
    "学时",
    "小时",
    "公里",
    "千米",
    "万册",
    "门次",
    "元",
    "人",
    "家",
    "个",
    "场",
    "本",
    "户",
    "名",
    "张",
    "条",
    "支",
    "件",
    "次",
    "份",
    "项",
    "位",
    "期",
    "所",
    "座",
    "间",
    "台",
    "辆",
    "篇",
    "册",
    "套",
    "批",
    "处",
    "块",
    "组",
    "队",
    "面",
    "幅",
    "首",
    "部",
    "起",
    "例",
    "棵",
    "株",
    "盒",
    "袋",
    "箱",
    "吨",
    "米",
    "倍",
    "栋",
    "把",
    "双",
    "封",
    "节",
    "堂",
    "单",
    "瓶",
    "副",
    "桶",
    "包",
    "罐",
    "顶",
    "床",
    "对",
    "亩",
]
UNITS = sorted(set(UNITS), key=len, reverse=True)
_UNIT = "|".join(UNITS)
_ARABIC = r"\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?"
_CHN = r"[零〇一二两三四五六七八九十百千万亿]+"
_NUM = rf"(?:{_ARABIC}|{_CHN})"

QUANTITY_RE = re.compile(
    rf"""
    (?=[将接大不超近约逾上\d零〇一二两三四五六七八九十百千万亿])  # cheap first-character filter
    (?P<pre>将近|接近|大约|不超过|超过|不足|不到|近|约|逾|超|上)?
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
}
_MULTIPLIERS = {**SMALL_UNITS, **BIG_UNITS}

# Contexts that make a number something other than a count.
_CONTACT_RE = re.compile(
    r"(?:电话|热线|邮编|邮政编码|传真|手机|QQ|编号|号码|备案|ICP|网址|地址)\s*(?:号码)?\s*[:：]?\s*$",
    re.I,
)
_PER_RE = re.compile(r"(?:每人|每户|每名|每位|每家|每场|每次|每月|每年|每天|人均|户均)$")
_PLACE_RE = re.compile(r"七台河|五家渠|九台区|八所镇|三家店")
LEAD_IN_NOUNS = ("方面", "要求", "措施", "举措", "实事", "原则", "重点", "环节", "坚持", "必须",
                 "不准", "禁止", "转变", "结合", "提升", "行动", "工程", "做到", "带头", "意识")  # fmt: skip
_ENUMERATION_RE = re.compile(r"一是|一要|第一[,，、:：]|首先|其一|\n?一、|1[、.]")
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

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("value_max", "per"):
            if data[key] is None:
                del data[key]
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
    facts.sort(key=lambda f: f.start)
    for fact in facts:
        fact.original_start, fact.original_end = normalized.original_span(fact.start, fact.end)
    return facts


def _fact_from_match(text, match, quotes, metadata_lines, floor) -> Fact | None:
    start, end = match.span()
    n1, unit, pre = match.group("n1"), match.group("unit"), match.group("pre")
    chinese = not n1[0].isdigit()
    number_start = match.start("n1")
    preceding = text[max(0, number_start - 12) : number_start]
    previous_char = text[number_start - 1] if number_start else ""
    following = text[end : end + 2]

    if pre == "上" and not (chinese and n1 in ("百", "千", "万", "亿")):
        # 线上2000人 is online; only 上百/上千/上万 means "as many as".
        pre = None
        start = number_start
    if previous_char in "第" or (previous_char and re.match(r"[A-Za-z_./:#\-]", previous_char)):
        return None
    if previous_char.isdigit() or (chinese and previous_char in "星期周初之统唯单万"):
        return None
    if previous_char == "届" and unit in ("次", "届"):
        return None
    if chinese and (n1 == "一" or (n1 in ("百", "千", "万", "亿", "千万", "百万") and not pre)):
        return None
    if unit == "个" and following[:1] in ("月",):
        return None
    if unit in ("%", "倍") and chinese:
        return None
    if _CONTACT_RE.search(preceding) or _PLACE_RE.match(text, number_start):
        return None
    if _inside(quotes, number_start):
        return None
    line_start, line_end = _line_bounds(text, start)
    if line_start not in metadata_lines:
        metadata_lines[line_start] = bool(_METADATA_RE.search(text[line_start:line_end]))
    if metadata_lines[line_start]:
        return None
    if _is_lead_in(text, match, chinese):
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
    )
