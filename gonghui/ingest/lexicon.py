"""The data the extractor reads: measure words with their classes, place names (those holding
numerals, so that 三台县 or 七台河市 is not read as 3 台 or 7 台, and the short forms of
autonomous divisions), and the sectors and enterprises that have unions of their own."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CHINESE_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
# A short form (三台 for 三台县) stands alone only when it is this long: 三台 may be three machines.
MIN_SHORT_PLACE = 3
_PLACE_SUFFIXES = (
    "街道",
    "自治县",
    "自治州",
    "地区",
    "市",
    "县",
    "区",
    "镇",
    "乡",
    "旗",
    "盟",
    "州",
)
# Classes whose quantities measure time rather than count something.
DURATION_CLASSES = frozenset({"duration"})


@dataclass(frozen=True)
class MeasureWord:
    word: str
    unit_class: str
    canonical: str


def _rows(name: str):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@cache
def measure_words() -> dict[str, MeasureWord]:
    """Every written measure word → its class and the unit it stands for."""
    words = {}
    for row in _rows("measure_words.tsv"):
        word, unit_class = row[0], row[1]
        words[word] = MeasureWord(word, unit_class, row[2] if len(row) > 2 else word)
    return words


@cache
def counted_nouns() -> dict[str, str]:
    """Nouns a round figure in words counts without a measure word → the unit of the count."""
    return {row[0]: row[1] for row in _rows("counted_nouns.tsv")}


@cache
def union_bodies() -> dict[str, str]:
    """Sectors with unions of their own (金融, 教育) and legal forms of enterprises and
    institutions (有限公司, 集团, 医院) → "sector" or "enterprise"."""
    return {row[0]: row[1] for row in _rows("union_bodies.tsv")}


def unit_class(unit: str) -> str:
    """The class of a canonical unit (person, money, goods …), "" when unknown."""
    entry = measure_words().get(unit)
    return entry.unit_class if entry else ""


@cache
def places() -> dict[str, str]:
    """Administrative division names → level (province, city, county, town)."""
    return {row[0]: row[1] for row in _rows("gazetteer.tsv")}


@cache
def numeral_places() -> tuple[frozenset[str], int]:
    """Place names (and their short forms of MIN_SHORT_PLACE characters or more) that start
    with a Chinese numeral, and the longest of them."""
    names = set()
    for name in places():
        if name[0] not in CHINESE_NUMERALS:
            continue
        names.add(name)
        for suffix in _PLACE_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= MIN_SHORT_PLACE:
                names.add(name[: -len(suffix)])
                break
    return frozenset(names), max(map(len, names))


def place_at(text: str, position: int) -> str:
    """The longest numeral-led place name starting at `position`, or ""."""
    names, longest = numeral_places()
    for length in range(min(longest, len(text) - position), 1, -1):
        candidate = text[position : position + length]
        if candidate in names:
            return candidate
    return ""


@cache
def ethnic_groups() -> tuple[str, ...]:
    """The names of the ethnic groups (回族, 土家族, 蒙古族 …), longest first."""
    return tuple(sorted((row[0] for row in _rows("ethnic_groups.tsv")), key=len, reverse=True))


_AUTONOMOUS = ("自治州", "自治县", "自治旗", "自治区")


def autonomous_short_forms(name: str) -> tuple[str, ...]:
    """How pages write an autonomous division for short: its place without its peoples, alone
    and with its level (昌吉回族自治州 → 昌吉, 昌吉州; 龙胜各族自治县 → 龙胜, 龙胜县;
    新疆维吾尔自治区 → 新疆). A division named after its people alone is called by the people
    (鄂温克族自治旗 → 鄂温克, 鄂温克旗), and a place the peoples' names would leave shorter
    than two characters keeps them (内蒙古自治区 → 内蒙古)."""
    suffix = next((s for s in _AUTONOMOUS if name.endswith(s)), "")
    if not suffix:
        return ()
    stem = name[: -len(suffix)]
    forms = [form for group in (*ethnic_groups(), "各族") for form in (group, group[:-1])]
    while True:
        peoples = next((f for f in forms if len(f) >= 2 and stem.endswith(f)), "")
        if not peoples:
            break
        if len(stem) - len(peoples) < 2:
            if stem == peoples and len(peoples.removesuffix("族")) >= 2:
                stem = peoples.removesuffix("族")
            break
        stem = stem[: -len(peoples)]
    level = suffix[-1]
    return (stem,) if level == "区" else (stem, stem + level)


@cache
def place_names() -> frozenset[str]:
    """Province, city and county names with their short forms (苏州市 and 苏州; 昌吉回族自治州,
    昌吉州 and 昌吉)."""
    names = set()
    for name, level in places().items():
        if level == "town":
            continue
        names.add(name)
        names.update(autonomous_short_forms(name))
        for suffix in _PLACE_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                names.add(name[: -len(suffix)])
                break
    return frozenset(names)
