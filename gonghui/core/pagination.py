"""Pagination that stays fast at a million rows: counts stop at a cap instead of scanning all.

Nobody pages through 50 000 pages; above the cap the page says "1万+" and asks for a filter.

Counting up to the cap still walks cap + 1 index entries (about 1.7 ms on PostgreSQL for the
province's people list, the largest cost of that page on the database). A count that reached
the cap is remembered for a minute per query, so the next requests for the same list skip it:
a list that held more than 10 000 rows a minute ago still does (only a mass deletion changes
that, and then the last page is simply shorter), while a count below the cap is never
remembered, so small lists stay exact after every write.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from ninja.pagination import PageNumberPagination

COUNT_CAP = 10_000
# A keyword search counts its matches only this far ("1 000+"): a broad term walks the index.
SEARCH_COUNT_CAP = 1_000


# How long a count that reached its cap is remembered (seconds).
CAPPED_COUNT_MEMO_SECONDS = 60


def _memo_key(limited) -> str:
    sql, params = limited.query.sql_with_params()
    text = f"{limited.db}\x00{sql}\x00{params!r}"
    return "capped-count:" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def capped_count(queryset, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, capped): COUNT over at most cap + 1 rows of the (unordered) query; a count that
    reached the cap is remembered for CAPPED_COUNT_MEMO_SECONDS (see the module's note)."""
    if not hasattr(queryset, "order_by"):
        return len(queryset), False
    limited = queryset.order_by()[: cap + 1]
    try:
        key = _memo_key(limited)
    except EmptyResultSet:  # a filter that can match nothing (pk__in=[]): no query to run
        return 0, False
    if cache.get(key):
        return cap, True
    n = limited.count()
    if n > cap:
        cache.set(key, True, CAPPED_COUNT_MEMO_SECONDS)
    return min(n, cap), n > cap


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int = COUNT_CAP, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.is_capped = False

    @cached_property
    def count(self) -> int:
        n, self.is_capped = capped_count(self.object_list, self.cap)
        return n


class CappedPageNumberPagination(PageNumberPagination):
    """Ninja pagination whose `count` is capped the same way (and says so in `count_capped`)."""

    class Output(PageNumberPagination.Output):
        count_capped: bool = False

    def paginate_queryset(self, queryset, pagination, request=None, **params):
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        searching = bool(request is not None and request.GET.get("q", "").strip())
        count, capped = capped_count(queryset, SEARCH_COUNT_CAP if searching else COUNT_CAP)
        return {
            self.items_attribute: queryset[offset : offset + page_size],
            "count": count,
            "count_capped": capped,
        }
