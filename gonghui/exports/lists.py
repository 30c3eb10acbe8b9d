"""A list's Excel export, declared once and served by one helper.

An app declares each export in its `exports.py`:

    TEAMS = ListExport(
        key="volunteering.teams",
        title=_("志愿服务队"),
        queryset=lambda user, params: selectors.teams_for_user(user, q=params.get("q", "")),
        columns=[Column(_("队名"), "name"), Column(_("所属组织"), "organization.name")],
    )

and its route is one line in urls.py, `path("teams/export/", export_view(exports.TEAMS), ...)`
(`exports.http`). The queryset is
the page's own selector with the page's own query string, so the file holds exactly the rows
the list shows (every page of them). Sensitive columns carry a mask and are exported in full
only on `?unmasked=1` to a holder of the declared permission, with an audit entry saying so.
A list longer than `GONGHUI_EXPORT_INLINE_ROWS` is not built while the browser waits: it is
queued as a background task, and the person gets a download link on the exports page.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Manager, QuerySet
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gonghui.core import privacy

DEFAULT_INLINE_ROWS = 3000
CHUNK = 2000
# Query parameters that choose a page of the list, not which rows it holds.
PAGE_PARAMS = ("page", "cursor")

_DECLARED: dict[str, "ListExport"] = {}


def inline_limit() -> int:
    return getattr(settings, "GONGHUI_EXPORT_INLINE_ROWS", DEFAULT_INLINE_ROWS)


@dataclass(frozen=True)
class Column:
    """One column: its header and how a row's value is read (a dotted path or a function).

    `mask` makes the column sensitive: the masked value is exported unless the person asked
    for the full values and holds the list's sensitive permission."""

    header: str
    value: str | Callable[[Any], Any]
    mask: Callable[[Any], Any] | None = None

    def read(self, obj, *, unmasked: bool):
        value = self.value(obj) if callable(self.value) else _resolve(obj, self.value)
        if self.mask is not None and not unmasked:
            value = self.mask(value)
        return str(value) if isinstance(value, Promise) else value


def yes_no(path: str) -> Callable[[Any], str]:
    """A column value that reads a boolean at `path` as 是 or 否."""
    return lambda obj: gettext("是") if _resolve(obj, path) else gettext("否")


# Columns that read the same in every list.
KIND = Column(_("类型"), "get_kind_display")
STATUS = Column(_("状态"), "get_status_display")


def _resolve(obj, path: str):
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return ""
        if callable(obj) and not isinstance(obj, Manager):
            obj = obj()  # get_status_display and similar
    return obj


@dataclass(frozen=True, eq=False)
class ListExport:
    """What one list exports: which rows (the page's selector) and which columns.

    `queryset(user, params)` receives the list page's query string as a QueryDict, both when
    the page's export link is followed and when a background task rebuilds the list later.
    A list whose rows come from a generator of its own (shared with an import template, say)
    gives `headers` and `rows(queryset, unmasked=...)` instead of `columns`."""

    key: str
    title: str
    queryset: Callable[[Any, QueryDict], Iterable]
    columns: Sequence[Column] = ()
    headers: Sequence[str] = ()
    rows: Callable[..., Iterable[Sequence]] | None = None
    # Who may export the masked columns in full (core.privacy's permission unless given), and
    # what they are, for the audit entry.
    sensitive_permission: str | Sequence[str] = privacy.SENSITIVE_PERMISSION
    sensitive_what: str = ""
    # The organisation the list is narrowed to, if any: the audit entry of an export belongs
    # to its subtree (to the user's own scope otherwise).
    organization: Callable[[Any, QueryDict], Any] | None = None
    notes: Sequence[str] = field(default=())

    def __post_init__(self):
        if bool(self.columns) == bool(self.rows):
            raise ValueError(f"{self.key}: declare either columns or headers with rows")
        _DECLARED[self.key] = self

    @property
    def header_row(self) -> list[str]:
        return (
            [str(c.header) for c in self.columns]
            if self.columns
            else [str(h) for h in self.headers]
        )

    @property
    def filename(self) -> str:
        return f"{self.title}.xlsx"

    @property
    def has_sensitive(self) -> bool:
        return bool(self.sensitive_what) or any(c.mask for c in self.columns)

    def may_unmask(self, user) -> bool:
        return self.has_sensitive and privacy.can_view_sensitive(user, self.sensitive_permission)

    def rows_of(self, items, *, unmasked: bool) -> Iterable[Sequence]:
        if self.rows is not None:
            return self.rows(items, unmasked=unmasked)
        return (
            [column.read(obj, unmasked=unmasked) for column in self.columns] for obj in _each(items)
        )

    def org_path_for(self, user, params: QueryDict) -> str:
        org = self.organization(user, params) if self.organization is not None else None
        return org.path if org is not None else user.scope.org_path


def _each(items):
    """The list's rows in chunks, so a province-sized export keeps memory flat."""
    if isinstance(items, QuerySet):
        yield from items.iterator(chunk_size=CHUNK)
    else:
        yield from items


def stream_values(items, fields: Sequence[str]) -> Iterator[tuple]:
    """The rows of a list's queryset as tuples of `fields` (`__` paths through foreign keys):
    one query, read in chunks (a server-side cursor on PostgreSQL), with no model instance and
    no query per row, so a million-row export keeps memory flat and spends its time writing."""
    return items.values_list(*fields).iterator(chunk_size=CHUNK)


def declared(key: str) -> ListExport:
    """The declaration of `key`, importing every app's `exports` module first (in a worker the
    pages that declare them have not been loaded)."""
    if key not in _DECLARED:
        autodiscover_modules("exports")
    return _DECLARED[key]


def list_params(query: QueryDict) -> QueryDict:
    """The filters of the list page, without its page number."""
    params = query.copy()
    for name in PAGE_PARAMS:
        params.pop(name, None)
    return params


def params_from_json(data: Mapping[str, list[str]]) -> QueryDict:
    params = QueryDict(mutable=True)
    for name, values in data.items():
        params.setlist(name, list(values))
    params._mutable = False
    return params


def row_count_exceeds(items, limit: int) -> bool:
    """Whether the list holds more than `limit` rows, without counting a million of them."""
    if isinstance(items, QuerySet):
        return items[: limit + 1].count() > limit
    return len(items) > limit
