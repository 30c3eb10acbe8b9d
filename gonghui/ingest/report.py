"""A whole report read from a document: title, organisation, date and its facts, as JSON."""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gonghui.ingest.textnorm import CJK, NormalizedText, normalize

from .extract import _METADATA_RE, Fact, extract_facts
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


def find_date(lines: list[str]) -> str | None:
    """Publication date from the header, else a signature date, else the first full date."""
    for line in lines[:8]:
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
    return None


def find_title(lines: list[str]) -> str:
    for line in lines[:6]:
        if (
            (
                6 <= len(line) <= 80
                and not _METADATA_RE.search(line)
                and not _TITLE_SKIP_RE.match(line)
            )
            and not line.endswith(("。", "!", "！"))
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


def find_org(lines: list[str], title: str, text: str) -> str:
    """The organisation a report is about: its source line or signature, else the title,
    else the organisation the body mentions most."""
    for line in lines[:6]:
        if _METADATA_RE.search(line):
            source = _SOURCE_RE.search(line)
            if source and _SIGNATURE_END_RE.search(source.group(1)):
                return _specific(source.group(1), text)
    for line in reversed(lines[1:][-3:]):
        candidate = _DATE_RE.sub("", line).strip()
        if (
            3 <= len(candidate) <= 24
            and not _METADATA_RE.search(line)
            and not _SENTENCE_RE.search(candidate)
            and _SIGNATURE_END_RE.search(candidate)
        ):
            return _specific(candidate, text)
    match = _ORG_RE.search(title)
    if match and len(_clean_org(match.group(0))) >= 4:
        org = _clean_org(match.group(0))
    else:
        mentions = Counter(_clean_org(m.group(0)) for m in _BODY_ORG_RE.finditer(text))
        if not mentions:
            return ""
        org = mentions.most_common(1)[0][0]
    return _specific(org, text)


def analyse(normalized: NormalizedText) -> Report:
    text = normalized.text
    lines = [line for line in text.split("\n") if line]
    title = find_title(lines)
    return Report(
        normalized=normalized,
        title=title,
        org=find_org(lines, title, text),
        date=find_date(lines),
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
