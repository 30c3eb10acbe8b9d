"""This app's settings: a Django setting of the same name wins, then the environment."""

import os

from django.conf import settings


def _int(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return int(value)


def submits_per_ip_minute() -> int:
    """Ceiling of online responses per address and minute for one survey (0 = none). Generous:
    a school's computer room answers behind one address; the tight limit is per device."""
    return _int("GONGHUI_SURVEY_SUBMITS_PER_IP_MINUTE", 600)


def fold_every() -> int:
    """Every this many responses, the submission that reaches it folds the pending ones into
    the counters (after its own commit)."""
    return _int("GONGHUI_SURVEY_FOLD_EVERY", 200)
