"""Figures: one app's headline numbers, offered to the dashboards, the big screen and the
reports without those apps importing it.

An app lists `FIGURES = (Figure(...), ...)` in its own `figures.py`; `all_figures()` finds
them. A figure is computed for a user (their data scope) and a period, and names the list
behind it so every number on a dashboard links to the rows it counts."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .registry import app_modules


@dataclass(frozen=True)
class Period:
    """Both ends included."""

    start: dt.date
    end: dt.date


Value = int | Decimal | float | None


@dataclass(frozen=True)
class Figure:
    key: str  # "<app>.<name>", stable: the API and saved reports use it
    label: str  # a lazy translation
    compute: Callable[[object, Period], Value]  # (user, period) -> value within the user's scope
    unit: str = ""  # a lazy translation: 人次, 元, 户, % …
    url: Callable[[Period], str] | None = None  # the list behind the figure, filtered to the period
    group: str = "services"  # "campaign", "services", "people" …
    order: int = 100
    money_fen: bool = False  # the value is money in integer fen; shown in 元


def all_figures() -> list[Figure]:
    found = [
        figure
        for _config, module in app_modules("figures")
        for figure in getattr(module, "FIGURES", ())
    ]
    return sorted(found, key=lambda figure: (figure.group, figure.order, figure.key))


def figure(key: str) -> Figure | None:
    return next((f for f in all_figures() if f.key == key), None)


# A dashboard asks an app for several figures in turn, and a page may ask again: what one
# query answers is kept on the user object (one per request) for a few seconds.
MEMO_SECONDS = 5.0


def remembered(user, key: str, compute: Callable[[], object]):
    """`compute()`, or its value kept on the user object under `key` for MEMO_SECONDS."""
    memos = getattr(user, "_figure_memos", None)
    found = memos.get(key) if memos is not None else None
    if found is not None and time.monotonic() - found[0] < MEMO_SECONDS:
        return found[1]
    value = compute()
    # An object that takes no attributes just goes without the memo.
    with contextlib.suppress(AttributeError):
        if memos is None:
            memos = user._figure_memos = {}
        memos[key] = (time.monotonic(), value)
    return value
