"""A whole report read from a document: title, organisation, date and its facts, as JSON."""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from django.utils.translation import gettext as _

from gonghui.ingest.textnorm import CJK, NormalizedText, normalize, simplify

from .extract import _METADATA_RE, Fact, extract_facts
from .lexicon import place_names, union_bodies
from .numbers import DIGITS, parse_chinese
from .readers import read_bytes

_DATE_RE = re.compile(
    r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*[-/.年]\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})"
    r"\s*[-/.月]\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})(?![\d])"
)
_ORG_RE = re.compile(
    rf"[{CJK}]{{0,10}}?(?:总工会|工会|工委|工联|总宣教部)(?:机关|委员会|[{CJK}]{{0,5}}?(?:部|室|办))?"
)
_GENERIC_ORGS = ("市总工会", "省总工会", "县总工会", "区总工会")
_PLACE_RE = re.compile(rf"([{CJK}]{{2}})(?:市|省|县|区)")
_BODY_ORG_RE = re.compile(rf"(?:[{CJK}]{{2,4}}(?:省|市|县|区))?总工会|[省市县]总工会")
_NOT_PLACES = {"城市", "全市", "各市", "本市", "省市", "县市", "明城", "该市", "我市", "全省", "各省",
               "全县", "各县", "全区", "各区", "城区", "辖区", "社区", "园区", "景区", "地区"}  # fmt: skip
_SENTENCE_RE = re.compile(r"[。!?;；！？,，]")
_SIGNATURE_END_RE = re.compile(r"(?:工会|工委|委员会|宣教部|[部室办])$")
_TITLE_SKIP_RE = re.compile(r"^(?:记者|来源|时间|编者按|摘要)")

# Bounds on one analysis, whatever the file: the characters read (about sixty pages of a
# report) and the facts kept. Beyond them the work and the review page would grow without end.
MAX_TEXT_CHARS = 100_000
MAX_FACTS = 1_000


@dataclass
class Report:
    normalized: NormalizedText
    title: str = ""
    org: str = ""
    date: str | None = None
    facts: list[Fact] = field(default_factory=list)
    # What the bounds cut, in words a reviewer reads (shown on the review page).
    notices: list[str] = field(default_factory=list)

    def as_dict(self, *, with_text: bool = False) -> dict:
        data = {
            "title": self.title,
            "org": self.org,
            "date": self.date,
            "facts": [fact.as_dict() for fact in self.facts],
            "notices": list(self.notices),
        }
        if with_text:
            data["text"] = self.normalized.text
        return data


def _chinese_or_arabic(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if all(ch in DIGITS for ch in token):
        return int("".join(str(DIGITS[ch]) for ch in token))
    return parse_chinese(token)


def _iso(match: re.Match) -> str | None:
    year, month, day = (_chinese_or_arabic(match.group(k)) for k in ("y", "m", "d"))
    if not year or not month or not day or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if not 1949 <= year <= 2100:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


_MONTH_DAY_RE = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def _event_date(lines: list[str]) -> str | None:
    """A page that gives only the day of its event (4月28日上午, …) and the year in its title
    or first lines (黄石市总工会举办2019年职工趣味运动会): that day of that year."""
    head = "\n".join(lines[:3])
    year = _YEAR_RE.search(head)
    day = _MONTH_DAY_RE.search(head)
    if not year or not day:
        return None
    month, date = int(day.group("m")), int(day.group("d"))
    if not (1 <= month <= 12 and 1 <= date <= 31):
        return None
    return f"{int(year.group(1)):04d}-{month:02d}-{date:02d}"


# The lines a page's publication line may come after its title (title, 发布时间 line, lead).
_HEADER_AFTER_TITLE = 4


def find_date(lines: list[str], title: str = "") -> str | None:
    """Publication date from the header, else a signature date, else the first full date,
    else the event's day with the year the title gives. The header reaches past the title
    however long the site's navigation above it (a scraped page's 发布时间 line can be its
    tenth), so a date in the site's banner (its clock, 2019年9月3日 星期二) is not taken."""
    at = lines.index(title) if title in lines else 0
    for line in lines[: max(8, at + _HEADER_AFTER_TITLE)]:
        if _METADATA_RE.search(line):
            match = _DATE_RE.search(line)
            if match and _iso(match):
                return _iso(match)
    for line in reversed(lines[-4:]):
        match = _DATE_RE.search(line)
        if match and len(line) <= 20 and _iso(match):
            return _iso(match)
    for line in lines:
        for match in _DATE_RE.finditer(line):
            if _iso(match):
                return _iso(match)
    return _event_date(lines)


_URL_RE = re.compile(r"www\.|https?://|\.(?:com|cn|org|gov)\b", re.I)


# A byline: an author's or account's name with the date and clock time of publication
# (怀化工会 2025年07月08日 20:15 湖南, a WeChat post's second line), never the headline.
_BYLINE_RE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}")


def _exclaims(line: str) -> bool:
    """A headline ending in an exclamation (…托管班”开班啦！) with no other sentence mark."""
    return line.endswith(("!", "！")) and len(_SENTENCE_RE.findall(line)) == 1


def find_title(lines: list[str]) -> str:
    """The first line that reads as a headline (a site's navigation and address skipped, a
    byline's name and clock never taken, an exclamatory headline kept)."""
    for line in lines[:12]:
        if (
            (
                6 <= len(line) <= 80
                and not _URL_RE.search(line)
                and not _METADATA_RE.search(line)
                and not _TITLE_SKIP_RE.match(line)
                and not _BYLINE_RE.search(line)
            )
            and (not line.endswith(("。", "!", "！")) or _exclaims(line))
            and len(_SENTENCE_RE.findall(line)) <= 2
        ):
            return line
    return lines[0][:80] if lines else ""


def _main_place(text: str) -> str:
    counts = Counter(
        m.group(1)
        for m in _PLACE_RE.finditer(text)
        if m.group(1) not in _NOT_PLACES
        and not re.search(r"[全各本该我在和及与、总开展组织举办召发对向为到]", m.group(1))
    )
    if not counts:
        return ""
    place, _ = counts.most_common(1)[0]
    return place if text.count(place) >= 3 else ""


_SOURCE_RE = re.compile(r"(?:来源|作者|供稿)\s*[:：]\s*([^\s:：|]+)")
_LEAD_WORDS_RE = re.compile(r"^(?:专访|访谈|访|由|今年|在|向|对|据|近日|记者从|我|全|经|为)+")
_SPECIFIC_ORG_RE = re.compile(rf"([{CJK}]{{2}}[省市县区])总工会")
_NOT_PLACE_CHARS = set("的了在和与及为对向由从是将组成名个立绩流年今全各该本我其总工会部访")


def _clean_org(org: str) -> str:
    return _LEAD_WORDS_RE.sub("", org)


def _specific(org: str, text: str) -> str:
    """A generic 市总工会 made specific from the body (宜州市总工会) or the main place."""
    generic = org.startswith(_GENERIC_ORGS) or org in ("省总", "市总")
    if not generic:
        return org
    level = org[0]
    named = Counter(
        place
        for m in _SPECIFIC_ORG_RE.finditer(text)
        if (place := m.group(1)).endswith(level) and not _NOT_PLACE_CHARS & set(place[:2])
    )
    if named:
        return named.most_common(1)[0][0] + org[1:]
    place = _main_place(text)
    if place and text.count(f"{place}{level}") >= 2:
        return f"{place}{org}"
    return org


# --- organisation -----------------------------------------------------------------------------

_UNION_WORD_RE = re.compile(r"总工会|工会|工委|工联")
_DEPARTMENT_RE = re.compile(
    rf"机关|办公室|(?:女职工|经费审查|[{CJK}]{{0,4}}?)委员会|[{CJK}]{{1,5}}?部(?![门分])"
)
_LEVELS = "省市县区州旗盟"
_PLACE_STOP = set("的了在和与及为对向由从是将上下会到经据全各该本我其举开召组")
_CJK_CHAR_RE = re.compile(rf"[{CJK}]")
# An industry's own name before 产业, 行业 or 系统 (汽车产业, 建设交通系统): a sector union.
_INDUSTRY_RE = re.compile(rf"[{CJK}]{{1,8}}(?:产业|行业|系统)")
_MAX_SECTOR = 10
# Words of the sentence before an enterprise's name (由…有限公司工会主办, 记者从…获悉).
_NAME_LEAD_RE = re.compile(
    r"(?:近日|日前|今年以来|记者从|专访|由|在|向|对|据|经|与|和|及|同|从|联合|会同|携手|指导|邀请)+"
)
_NOT_NAME_START = set("全本该各我其此")
_MAX_ENTERPRISE = 24
_CJK_WORD_RE = re.compile(rf"[{CJK}]+")
_HOLDING_VERB_RE = re.compile(r"[举开主承创]办|召开")
_HEADER_LINE_RE = re.compile(r"来源|作者|供稿|发布|\d{4}\s*[-/.年]")
# 海口工会网, 工会网站: the name of a website, not an organisation.
_SITE_NAME_AFTER = ("网", "网站", "微信", "公众号", "客户端")
# 各市（县）区总工会, 各县区总工会: the unions of every lower level, not one organisation.
_PLURAL_LEVELS = set(_LEVELS) | set("()（）、")


@cache
def _longest_place() -> int:
    """The longest name in the gazetteer (海西蒙古族藏族自治州 and longer county names)."""
    return max(map(len, place_names()))


def _place_before(text: str, end: int) -> int:
    """Where the chain of place names ending at `end` starts (重庆市万州区 → its start), or
    `end` when no place name ends there. Names come from the gazetteer; a two- or three-
    character name ending in a level (潭城市) is taken when none of its characters is a word
    of the sentence around it."""
    names = place_names()
    start = end
    while True:
        for length in range(min(_longest_place(), start), 1, -1):
            candidate = text[start - length : start]
            if candidate in names:
                start -= length
                break
        else:
            for length in (4, 3):
                candidate = text[max(0, start - length) : start]
                before = text[start - length - 1 : start - length] if start > length else ""
                if (
                    len(candidate) == length
                    and (not before or not _CJK_CHAR_RE.match(before) or before in "日由据在经")
                    and candidate[-1] in _LEVELS
                    and _CJK_WORD_RE.fullmatch(candidate)
                    and not _PLACE_STOP & set(candidate)
                    and not _NOT_PLACE_CHARS & set(candidate[:-1])
                ):
                    start -= length
                    break
            else:
                return start


@cache
def _sector_re() -> re.Pattern:
    sectors = [word for word, kind in union_bodies().items() if kind == "sector"]
    alternatives = "|".join(map(re.escape, sorted(sectors, key=len, reverse=True)))
    return re.compile(rf"(?:{alternatives})+(?:系统)?")


@cache
def _enterprise_forms() -> tuple[frozenset[str], tuple[int, ...]]:
    """The legal forms, and their lengths longest first."""
    forms = frozenset(word for word, kind in union_bodies().items() if kind == "enterprise")
    return forms, tuple(sorted({len(form) for form in forms}, reverse=True))


def _sector_start(text: str, end: int) -> int | None:
    """Where a sector's union named before `end` starts (data/union_bodies.tsv, or an
    industry's name before 产业/行业/系统): the whole place chain before the sector
    (上海市金融工会, 柳州市汽车产业工会, never 州市汽车产业工会), else a bare level
    (市教育工会) or 中国. None when no sector ends there."""
    for at in range(end - 2, max(-1, end - _MAX_SECTOR - 1), -1):
        phrase = text[at:end]
        if _PLACE_STOP & set(phrase) or not (
            _sector_re().fullmatch(phrase)
            or (phrase[0] not in _LEVELS and _INDUSTRY_RE.fullmatch(phrase))
        ):
            continue
        place = _place_before(text, at)
        if place < at:
            return place
        if phrase[0] in _LEVELS:
            return at  # 市直机关工会
        if at and text[at - 1] in _LEVELS:
            return at - 1
        if text.startswith(("中国", "全国"), at - 2):
            return at - 2
    return None


def _enterprise_start(text: str, end: int) -> int | None:
    """Where an enterprise's or institution's name before its union starts (陕西陕煤黄陵矿业
    有限公司工会, 三台县人民医院工会): back to the clause's start, after the sentence's own
    words (由, 记者从). None without a legal form or with a name under two characters (公司工会,
    全公司 are not names)."""
    forms, lengths = _enterprise_forms()
    length = next((n for n in lengths if n <= end and text[end - n : end] in forms), 0)
    if not length:
        return None
    name_end = end - length
    left = name_end
    while (
        left > max(0, end - _MAX_ENTERPRISE)
        and _CJK_CHAR_RE.match(text[left - 1])
        and not _UNION_WORD_RE.fullmatch(text[max(0, left - 2) : left])
    ):
        left -= 1
    if left and text[left - 1].isdigit() and text[left] in "年月日号":
        left += 1  # 8月29日长治…: the date before the clause
    lead = _NAME_LEAD_RE.match(text, left, name_end)
    if lead:
        left = lead.end()
    if name_end - left < 2 or text[left] in _NOT_NAME_START:
        return None
    return left


def _body_start(text: str, end: int, union_word: str) -> int | None:
    """Where the name of a union that is not a place's federation starts: a sector's union
    (金融工会, 汽车产业工会) or an enterprise's (有限公司工会, 集团工会)."""
    if union_word == "工会":
        start = _sector_start(text, end)
        if start is not None:
            return start
    if union_word in ("工会", "总工会"):
        return _enterprise_start(text, end)
    return None


def org_mentions(text: str) -> list[str]:
    """Every organisation named in a text, from the first place name (or the bare level of
    a 市总工会) to the union word and an optional department (宣教部, 女职工委员会, 机关);
    never the words of the sentence around it (“会上市总工会” gives 市总工会)."""
    found = []
    for match in _UNION_WORD_RE.finditer(text):
        union_at = match.start()
        if union_at >= 2 and text.startswith("各级", union_at - 2) and match.group(0) == "工会":
            union_at -= 2  # 河南省各级工会: the unions of a whole province
        start = _place_before(text, union_at)
        if start == union_at:
            start = match.start()
            if match.group(0) == "总工会" and start and text[start - 1] in _LEVELS:
                start -= 1  # 市总工会
            else:
                body = _body_start(text, start, match.group(0))
                if body is None:
                    continue
                start = body
        if text.startswith(_SITE_NAME_AFTER, match.end()):
            continue
        before = start
        while before and text[before - 1] in _PLURAL_LEVELS:
            before -= 1
        if before and text[before - 1] == "各" and (before < start or text[start] in _LEVELS):
            continue
        name = text[start : match.end()]
        department = _DEPARTMENT_RE.match(text, match.end())
        if department and not _HOLDING_VERB_RE.search(department.group(0)):
            name += department.group(0)
        found.append(name)
    return found


def _federation(org: str) -> str:
    match = _UNION_WORD_RE.search(org)
    return org[: match.end()] if match else org


def _is_generic(org: str) -> bool:
    return org[:1] in _LEVELS and org[1:].startswith(("总工会", "工会"))


def _title_place(title: str, level: str) -> str:
    for length in range(6, 1, -1):
        candidate = title[: length + 1]
        if candidate.endswith(level) and candidate in place_names():
            return candidate
    return ""


_NEWSPAPER_RE = re.compile(rf"([{CJK}]{{2,4}}?)(?:日报|晚报|新闻网|电视台|广播电视台|融媒体中心)")


def _newspaper_place(header: list[str], level: str) -> str:
    """The place a source line's newspaper is named after (来源：林州日报 → 林州市)."""
    for line in header:
        match = _NEWSPAPER_RE.search(line)
        if match:
            name = match.group(1)
            if name + level in place_names() or (len(name) == 2 and not _PLACE_STOP & set(name)):
                return name + level
    return ""


def _first_place(text: str, level: str) -> str:
    """The first place of that level the body names (江北区第三届职工运动会 → 江北区)."""
    names = place_names()
    at = text.find(level)
    while at >= 0:
        for length in (4, 3, 2):
            candidate = text[max(0, at - length) : at + 1]
            if len(candidate) == length + 1 and candidate in names:
                return candidate
        at = text.find(level, at + 1)
    return ""


def _title_department(title: str) -> str:
    """The department a title names after a union word (工会宣教部上半年工作总结 → 宣教部)."""
    for match in _UNION_WORD_RE.finditer(title):
        department = _DEPARTMENT_RE.match(title, match.end())
        if department and not _HOLDING_VERB_RE.search(department.group(0)):
            return department.group(0)
    return ""


def _signed_department(signature: list[str], department: str) -> str:
    """A signature line naming the department the title names, in the page's own words, short
    forms included (安徽省总宣教部 for the 宣教部 of 安徽省总工会)."""
    if not department:
        return ""
    for line in signature:
        if (
            line.endswith(department)
            and len(line) <= 16
            and _CJK_WORD_RE.fullmatch(line)
            and ("总" in line[: -len(department)] or _UNION_WORD_RE.search(line))
        ):
            return line
    return ""


_LEGAL_FORM_RE = re.compile(r"有限责任|股份有限|有限")


def _expands(full: str, short: str) -> bool:
    """Whether `full` is the full name of the organisation `short` names: 大理白族自治州总工会
    for 大理州总工会, 长阳土家族自治县总工会 for 长阳县总工会 (an autonomous prefecture or
    county is called by its first characters and its level); 陕西陕煤黄陵矿业有限公司工会 for
    黄陵矿业公司工会 (an enterprise is called without its owners and its legal form)."""
    if (
        len(short) >= 6
        and _LEGAL_FORM_RE.search(full)
        and _LEGAL_FORM_RE.sub("", full).endswith(short)
        and not full.endswith(short)
    ):
        return True
    if short.endswith("工会") and not short.endswith("总工会") and len(short) >= 4:
        # A site's or account's short name (怀化工会): the place's federation (怀化市总工会).
        place = short[:-2]
        level = full[len(place) : len(place) + 1]
        if full == f"{place}{level}总工会" and level in _LEVELS and place + level in place_names():
            return True
    at = full.find("自治")
    if at < 2 or len(full) < at + 3:
        return False
    level_and_union = full[at + 2 :]
    if not short.endswith(level_and_union):
        return False
    prefix = short[: -len(level_and_union)]
    return len(prefix) >= 2 and full.startswith(prefix) and len(prefix) < at


def _trade_name(full: str, short: str) -> bool:
    """Whether `short` is the name an enterprise trades under and `full` its registered name,
    as a page's source line gives it: 汉江钢铁公司工会 (or 汉钢公司工会) for 陕西汉中钢铁有限责任
    公司工会. The short name is the full one's characters in order (汉钢), or shares its
    business (钢铁), form (公司) and first character; only the full one has a legal form."""
    if not _LEGAL_FORM_RE.search(full) or _LEGAL_FORM_RE.search(short):
        return False
    forms, _lengths = _enterprise_forms()
    stripped = _LEGAL_FORM_RE.sub("", full)
    union = _UNION_WORD_RE.search(short)
    if union is None or not stripped.endswith(short[union.start() :]):
        return False
    name = short[: union.start()]
    form = next((f for f in sorted(forms, key=len, reverse=True) if name.endswith(f)), "")
    if not form or len(name) - len(form) < 2:
        return False
    full_name = stripped[: len(stripped) - len(short) + union.start()]
    core, full_core = name[: -len(form)], full_name[: -len(form)]
    # 汉钢: the characters of the full name, in order.
    left = iter(full_core)
    if all(char in left for char in core):
        return True
    # 汉江钢铁: the same business (钢铁) and first character under another name.
    return full_core.endswith(core[-2:]) and core[0] in full_core[:-2]


def find_org(lines: list[str], title: str, text: str, site: list[str] = ()) -> str:
    """The organisation a report is about, in the fullest form the page supports: named by
    its title, else its source line or signature, else the one the body names most; then a
    bare 市总工会 made specific and a short name made full (万州区总工会 → 重庆市万州区总工会)
    from the source line, signature, the site's own name and footer, the title's place or the
    body. A department named only as the author (作者：市总工会宣教部) is not the subject."""
    at = lines.index(title) if title in lines else 0
    header = [
        line
        for line in lines[max(0, at - 3) : at + 4]
        if line != title
        if len(line) <= 60 and _HEADER_LINE_RE.search(line) and not line.endswith("。")
    ]
    signature = [line for line in lines[-3:] if len(line) <= 30 and not line.endswith("。")]
    by_title = org_mentions(title)
    by_header = [o for line in header for o in org_mentions(line)]
    by_signature = [o for line in signature for o in org_mentions(line)]
    body = Counter(org_mentions(text))
    signed = _signed_department(signature, _title_department(title))
    if by_title:
        org = max(by_title, key=len)
    elif signed:
        return signed
    elif by_signature:
        org = by_signature[0]
    elif by_header:
        org = _federation(by_header[0])
    elif body:
        top = Counter(_federation(o) for o in body.elements()).most_common(1)[0][0]
        org = next(o for o in body if _federation(o) == top)
    elif site:
        named = [_federation(o) for o in site if not _is_generic(_federation(o))]
        if not named:
            return ""
        org = Counter(named).most_common(1)[0][0]
    else:
        return ""
    # The department a title names (女职工委员会2021年工作总结) as the page names it in full.
    if org == _federation(org):
        for mention in body:
            department = mention[len(_federation(mention)) :]
            if department and department in title and _federation(mention) == org:
                org = mention
                break
    pool = by_header + by_signature + list(site) + list(body)
    if _is_generic(_federation(org)):
        level = org[0]
        specific = Counter(
            _federation(o)
            for o in pool
            if not _is_generic(_federation(o))
            and _federation(o).endswith(_federation(org)[1:])
            and _federation(o)[: -len(_federation(org)) + 1].endswith(level)
        )
        if specific:
            place = specific.most_common(1)[0][0][: -len(_federation(org)) + 1]
        else:
            place = (
                _title_place(title, level)
                or _newspaper_place(header, level)
                or _first_place(text, level)
                or _specific(org, text)[: -len(org) + 1]
            )
        if place and place != level:
            org = place[:-1] + org
    federation = _federation(org)
    fuller = [
        _federation(o)
        for o in pool
        if (_federation(o).endswith(federation) or _expands(_federation(o), federation))
        and o != federation
    ]
    fuller += [_federation(o) for o in by_header if _trade_name(_federation(o), federation)]
    if fuller:
        org = max(fuller, key=len) + org[len(federation) :]
    return org


_SITE_ORG_WORDS = ("总工会", "總工會")
_SITE_ORG_STOP_RE = re.compile(r"[\s:：|©]")


def site_orgs(original: str) -> list[str]:
    """Organisations the whole page names, navigation and footer included (主办：苏州市总工会,
    版权所有 昆明市总工会): the site's own name can make a bare 市总工会 specific."""
    found = []
    for word in _SITE_ORG_WORDS:
        at = original.find(word)
        while at >= 0:
            before = _SITE_ORG_STOP_RE.split(original[max(0, at - 16) : at])[-1]
            found += org_mentions(simplify(before + word))
            at = original.find(word, at + len(word))
    return found


def analyse(normalized: NormalizedText) -> Report:
    text = normalized.text
    lines = [line for line in text.split("\n") if line]
    title = find_title(lines)
    return Report(
        normalized=normalized,
        title=title,
        org=find_org(lines, title, text, site_orgs(normalized.original)),
        date=find_date(lines, title),
        facts=extract_facts(normalized),
    )


def analyse_text(
    original: str, *, max_chars: int = MAX_TEXT_CHARS, max_facts: int = MAX_FACTS
) -> Report:
    """The report of a text, read up to `max_chars` characters and keeping up to `max_facts`
    facts; what was cut is said in `notices` (and `normalized.original` is the text read)."""
    notices = []
    if len(original) > max_chars:
        notices.append(
            _("原文超过 %(max)s 字，只分析了前 %(max)s 字，其后的内容未提取；请拆分后分别导入")
            % {"max": f"{max_chars:,}"}
        )
        original = original[:max_chars]
    report = analyse(normalize(original))
    if len(report.facts) > max_facts:
        notices.append(
            _("提取到的数据超过 %(max)s 条，只保留了前 %(max)s 条") % {"max": f"{max_facts:,}"}
        )
        del report.facts[max_facts:]
    report.notices = notices
    return report


def analyse_document(data: bytes, *, name: str) -> Report:
    """Bytes of a .txt, .html or .docx file → its report; DocumentError when unreadable."""
    return analyse_text(read_bytes(data, name=name, max_chars=MAX_TEXT_CHARS + 1))
