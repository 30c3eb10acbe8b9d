"""Opening hours: always open (24 小时), or weekly rules such as "1-5 08:00-20:00; 6,7 22:00-06:00".

A rule's days are ISO weekdays (1 = Monday); a closing time at or before the opening time means
the rule runs past midnight into the next day, which "open now" honours.
"""

import datetime as dt
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ALWAYS = "24h"
# ISO weekdays 1-7, in the reader's language.
WEEKDAY_NAMES = [
    gettext_lazy("周一"),
    gettext_lazy("周二"),
    gettext_lazy("周三"),
    gettext_lazy("周四"),
    gettext_lazy("周五"),
    gettext_lazy("周六"),
    gettext_lazy("周日"),
]
_RULE = re.compile(
    r"^\s*([1-7](?:\s*[-,，、]\s*[1-7])*)\s+(\d{1,2}:\d{2})\s*[-~至]\s*(\d{1,2}:\d{2})\s*$"
)


class HoursError(ValueError):
    pass


def _days(spec: str) -> list[int]:
    days: set[int] = set()
    for part in re.split(r"\s*[,，、]\s*", spec):
        if "-" in part:
            a, b = (int(x) for x in part.split("-"))
            if a > b:
                raise HoursError(_("星期范围应从小到大，如 1-5"))
            days.update(range(a, b + 1))
        else:
            days.add(int(part))
    return sorted(days)


def _time(text: str) -> str:
    hour, minute = (int(x) for x in text.split(":"))
    if hour == 24 and minute == 0:
        return "24:00"
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise HoursError(_("时间 %(t)s 无效") % {"t": text})
    return f"{hour:02d}:{minute:02d}"


def parse_hours(text: str) -> list[dict]:
    """Rules from the text form; "24h" (or 24小时/全天) is the one always-open rule."""
    text = (text or "").strip()
    if text.lower() in {ALWAYS, "24小时", "全天", "00:00-24:00"}:
        return [{"days": list(range(1, 8)), "open": "00:00", "close": "24:00"}]
    rules = []
    for chunk in re.split(r"[;；\n]", text):
        if not chunk.strip():
            continue
        match = _RULE.match(chunk.replace("—", "-"))
        if not match:
            raise HoursError(_("无法识别“%(c)s”，格式如 1-5 08:00-20:00") % {"c": chunk.strip()})
        rules.append({"days": _days(match[1]), "open": _time(match[2]), "close": _time(match[3])})
    return rules


def is_always_open(rules: list[dict]) -> bool:
    return any(
        r["open"] == "00:00" and r["close"] == "24:00" and len(r["days"]) == 7 for r in rules
    )


def format_hours(rules: list[dict]) -> str:
    if not rules:
        return ""
    if is_always_open(rules):
        return _("24小时开放")
    parts = []
    for rule in rules:
        days = rule["days"]
        if days == list(range(days[0], days[-1] + 1)) and len(days) > 1:
            label = _("%(a)s至%(b)s") % {
                "a": WEEKDAY_NAMES[days[0] - 1],
                "b": WEEKDAY_NAMES[days[-1] - 1],
            }
        else:
            # The list separator of the reader's language (、 in Chinese).
            label = _("、").join(str(WEEKDAY_NAMES[d - 1]) for d in days)
        parts.append(f"{label} {rule['open']}-{rule['close']}")
    return _("；").join(parts)


def as_text(rules: list[dict]) -> str:
    """The editable text form of stored rules."""
    if is_always_open(rules):
        return ALWAYS
    return "; ".join(
        f"{','.join(str(d) for d in r['days'])} {r['open']}-{r['close']}" for r in rules
    )


def _minutes(hhmm: str) -> int:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return hour * 60 + minute


def is_open_at(rules: list[dict], at: dt.datetime) -> bool:
    """Open at a local time: today's rules, or yesterday's when one runs past midnight."""
    day, now = at.isoweekday(), at.hour * 60 + at.minute
    yesterday = 7 if day == 1 else day - 1
    for rule in rules:
        start, end = _minutes(rule["open"]), _minutes(rule["close"])
        overnight = end <= start
        if day in rule["days"] and start <= now and (overnight or now < end):
            return True
        if overnight and yesterday in rule["days"] and now < end:
            return True
    return False
