"""Traditional-character input accepted everywhere, normalised at the edge of the system.

Every text value that reaches a form, a search or the API passes through `simplify_value` once:
the browser's query string and form body in `SimplifiedInputMiddleware`, JSON and query
parameters of the API in `SimplifiedInputParser`, spreadsheet cells in `core.imports`. Views,
forms and services therefore only ever see simplified Chinese and need no conversion of their own.
"""

import re
from collections.abc import Mapping

from django.conf import settings
from ninja.parser import Parser

from .chinese import to_simplified

# CJK Unified Ideographs, extension A and compatibility ideographs: only such text can change.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Fields whose value must reach the application byte for byte (secrets, and raw documents
# whose offsets are kept back to the original). Matched as substrings of the field name.
DEFAULT_VERBATIM_FIELDS = ("password", "csrfmiddlewaretoken", "token", "secret", "raw_text")


def _verbatim_fields() -> tuple[str, ...]:
    return tuple(getattr(settings, "GONGHUI_VERBATIM_FIELDS", DEFAULT_VERBATIM_FIELDS))


def is_verbatim(name: str) -> bool:
    lowered = name.lower()
    return any(marker in lowered for marker in _verbatim_fields())


def simplify_value(value):
    """The value with traditional characters converted; anything but Han text is returned as is."""
    if isinstance(value, str) and _HAN.search(value):
        return to_simplified(value)
    return value


def simplify_data(data):
    """A JSON-like structure with every string value simplified, keys of secrets left alone."""
    if isinstance(data, Mapping):
        return {
            key: value if is_verbatim(str(key)) else simplify_data(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [simplify_data(item) for item in data]
    return simplify_value(data)


def simplify_querydict(querydict):
    """A copy of a QueryDict (GET or POST) with its text values simplified, or itself if unchanged."""
    changed = False
    result = querydict.copy()
    for key in querydict:
        if is_verbatim(key):
            continue
        values = querydict.getlist(key)
        simplified = [simplify_value(v) for v in values]
        if simplified != values:
            result.setlist(key, simplified)
            changed = True
    if not changed:
        return querydict
    result._mutable = False
    return result


class SimplifiedInputMiddleware:
    """Converts the text of every page request (query string and form fields) to simplified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET:
            request.GET = simplify_querydict(request.GET)
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            request.POST = simplify_querydict(request.POST)
        return self.get_response(request)


class SimplifiedInputParser(Parser):
    """The API's body and query parser: the same conversion for JSON clients and mini-programs."""

    # Query strings and form bodies were already converted by the middleware; JSON was not.
    def parse_body(self, request):
        return simplify_data(super().parse_body(request))


def simplify_rows(rows: list[dict]) -> list[dict]:
    """Spreadsheet rows with every text cell simplified (names of organisations, types …)."""
    return [{key: simplify_value(value) for key, value in row.items()} for row in rows]
