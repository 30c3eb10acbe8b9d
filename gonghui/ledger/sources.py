"""Evidence sources: records other apps keep (honourees of a commendation, quiz participation …)
offered on a ledger entry's page, to attach as a link, without the ledger importing those apps.

An app lists `SOURCES = (EvidenceSource(...),)` in its own `evidence.py`; `all_sources()` finds
them. A source answers plain rows for a unit and a period within the user's scope; the ledger
offers a source on an indicator that asks for it (its name, standard or upload requirement
mentions one of the source's keywords)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gonghui.core.registry import app_modules

MAX_ROWS = 20


@dataclass(frozen=True)
class EvidenceRow:
    """One record as the ledger shows and links it; `url` is a path inside the platform."""

    title: str
    date: dt.date | None
    figures: str  # "表彰 12 人（五一劳动奖章 3 名）", already in the reader's language
    url: str

    @property
    def link_title(self) -> str:
        when = f"，{self.date.isoformat()}" if self.date else ""
        return f"{self.title}（{self.figures}{when}）"[:200]


@dataclass(frozen=True)
class EvidenceSource:
    key: str  # "<app>.<name>", stable: a posted choice names it
    label: str  # a lazy translation
    # (*, user, organization, start, end) -> rows in the user's scope, the unit's subtree,
    # the period (both ends included), newest first
    rows: Callable[..., Sequence[EvidenceRow]]
    keywords: tuple[str, ...] = ()
    order: int = 100

    def is_asked_by(self, indicator) -> bool:
        text = " ".join((indicator.name or "", indicator.standard or "", indicator.guidance or ""))
        return any(word in text for word in self.keywords)


def all_sources() -> list[EvidenceSource]:
    found = [
        source
        for _config, module in app_modules("evidence")
        for source in getattr(module, "SOURCES", ())
    ]
    return sorted(found, key=lambda source: (source.order, source.key))


def sources_for(indicator) -> list[EvidenceSource]:
    return [source for source in all_sources() if source.is_asked_by(indicator)]
