"""A typed address or district resolved to a point, offline: the centres of China's provinces,
cities and counties from data/districts.csv (see data/SOURCE.md). "广元市利州区东坝街道",
"利州区" and "利州" all find 利州区; a city or province named with it settles a name that
several counties share (朝阳区 in 北京 and in 长春)."""

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from gonghui.core.chinese import to_simplified

DATA = Path(__file__).parent / "data" / "districts.csv"
# Placeholder names of the code table, never what a person types.
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_SUFFIXES = (
    "自治县",
    "自治旗",
    "自治州",
    "特别行政区",
    "地区",
    "新区",
    "林区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
)
_LEVEL_RANK = {"county": 3, "city": 2, "province": 1}


@dataclass(frozen=True)
class Place:
    adcode: str
    level: str
    name: str
    province: str
    city: str
    latitude: float
    longitude: float

    @property
    def label(self) -> str:
        parts = [self.province, "" if self.city in _PLACEHOLDERS else self.city, self.name]
        return "".join(p for p in parts if p)


def short_name(name: str) -> str:
    """利州区 → 利州, 广元市 → 广元; a name of two characters keeps its suffix (城区, 矿区)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@functools.cache
def places() -> tuple[Place, ...]:
    with DATA.open(encoding="utf-8") as handle:
        return tuple(
            Place(
                row["adcode"],
                row["level"],
                row["name"],
                row["province"],
                row["city"],
                float(row["latitude"]),
                float(row["longitude"]),
            )
            for row in csv.DictReader(handle)
            if row["name"] not in _PLACEHOLDERS
        )


@functools.cache
def _aliases() -> tuple[tuple[str, Place], ...]:
    found = []
    for place in places():
        found.append((place.name, place))
        short = short_name(place.name)
        if short != place.name:
            found.append((short, place))
    # Longest first: 东城区 before 城区.
    return tuple(sorted(found, key=lambda pair: -len(pair[0])))


def _mentions(text: str, name: str) -> bool:
    return bool(name) and name not in _PLACEHOLDERS and (name in text or short_name(name) in text)


def resolve(text: str) -> Place | None:
    """The place a typed address or district names, or None."""
    text = re.sub(r"\s+", "", to_simplified(text or ""))
    if len(text) < 2:
        return None
    best, best_key = None, None
    for alias, place in _aliases():
        if alias not in text:
            continue
        # The province or city named elsewhere in the text (not by the matched name itself).
        rest = text.replace(alias, "", 1)
        context = _mentions(rest, place.province) + _mentions(rest, place.city)
        key = (context, len(alias), _LEVEL_RANK[place.level], alias == place.name)
        if best_key is None or key > best_key:
            best, best_key = place, key
    return best


def suggestions(prefix: str, *, limit: int = 10) -> list[str]:
    prefix = to_simplified((prefix or "").strip())
    if not prefix:
        return []
    return [p.label for p in places() if p.name.startswith(prefix)][:limit]
