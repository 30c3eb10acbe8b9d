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
    """Every this many responses, the submission that reaches it queues a background fold of
    the pending ones into the counters (services.fold_counts; 0 = only the minute's sweep).
    A fold upserts every counter its responses touch (some 6 000 for 30 targets × 10 items),
    whatever their number, so larger batches cost less per response; a reader tallies the
    pending rows (up to about this many) on top of the counters, a few milliseconds."""
    return _int("GONGHUI_SURVEY_FOLD_EVERY", 1000)


def public_link_cache_seconds() -> int:
    """How long a process remembers a public link's channel and survey when taking answers
    (0 = look it up on every answer)."""
    return _int("GONGHUI_SURVEY_LINK_CACHE_SECONDS", 5)


def results_notice_days() -> int:
    """How many calendar days a survey's results notice stays up (公示期)."""
    return _int("GONGHUI_SURVEY_RESULTS_NOTICE_DAYS", 30)
