"""The sidebar: neutral section headings here, entries registered by the apps that own them.

An app lists its entries as `navigation = (NavEntry(...), ...)` on its AppConfig; an app that is
not installed shows nothing, and an entry whose page does not resolve is left out. The entries a
set of permissions sees are labelled and reversed once per process (see sections_for), and
rendered once per active entry (see sidebar_html)."""

from dataclasses import dataclass
from functools import lru_cache

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .registry import app_attributes

# Section key -> heading, in the order the sidebar shows them. A section no app fills is hidden.
SECTIONS = {
    "workbench": _("工作台"),
    "directory": _("组织与人员"),
    "creation": _("文明创建"),
    "services": _("工会服务"),
    "insight": _("统计与报告"),
    "import": _("资料导入"),
    "system": _("系统"),
}


# Compared and hashed by identity: an entry is declared once, and hashing the lazy label (which
# a cache key over the entries would do on every request) means translating it.
@dataclass(frozen=True, eq=False)
class NavEntry:
    section: str
    label: str
    url_name: str
    order: int = 100
    permission: str | None = None  # shown only to users holding it
    staff_only: bool = False  # shown only to staff (the Django admin)

    def __post_init__(self):
        if self.section not in SECTIONS:
            raise ValueError(f"unknown navigation section {self.section!r}")

    def shown_to(self, user) -> bool:
        if self.staff_only and not user.is_staff:
            return False
        return self.permission is None or user.has_perm(self.permission)


def registered_entries() -> tuple[NavEntry, ...]:
    """Every installed app's entries, by section then order."""
    return _sorted_entries(tuple(declared for _config, declared in app_attributes("navigation")))


@lru_cache(maxsize=16)
def _sorted_entries(declared: tuple[tuple[NavEntry, ...], ...]) -> tuple[NavEntry, ...]:
    entries = [entry for entries in declared for entry in entries]
    sections = list(SECTIONS)
    return tuple(sorted(entries, key=lambda e: (sections.index(e.section), e.order)))


def _resolve(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def _permission_key(user):
    """What decides which entries a user sees: staff or not, and their permissions (None for a
    superuser, who holds every one). The permissions are the role's, read once per request by
    the auth backend; a changed role gives a new key, so no stale sidebar survives it."""
    if not user.is_active:
        return user.is_staff, frozenset()
    if user.is_superuser:
        return user.is_staff, None
    return user.is_staff, frozenset(user.get_all_permissions())


@lru_cache(maxsize=512)
def _visible_sections(
    entries: tuple[NavEntry, ...],
    is_staff: bool,
    perms: frozenset | None,
    language: str,
    prefix: str,
) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """((section title, ((label, url), …)), …) for one permission set, language and script
    prefix: computed once, then shared by every request with the same key."""
    by_section: dict[str, list[tuple[str, str]]] = {}
    for entry in entries:
        if entry.staff_only and not is_staff:
            continue
        if entry.permission is not None and perms is not None and entry.permission not in perms:
            continue
        url = _resolve(entry.url_name)
        if url is None:
            continue
        by_section.setdefault(entry.section, []).append((str(entry.label), url))
    return tuple(
        (str(title), tuple(by_section[key])) for key, title in SECTIONS.items() if key in by_section
    )


def _cached_sections(user):
    is_staff, perms = _permission_key(user)
    return _visible_sections(
        registered_entries(), is_staff, perms, get_language() or "", get_script_prefix()
    )


def _active_url(cached, path: str) -> str | None:
    """The entry with the longest URL that prefixes the current path is the active one, so
    /ledger/meeting/ lights up 月度汇报会 and not 创建台账 (/ledger/) as well."""
    candidates = [
        url
        for _title, items in cached
        for _label, url in items
        if path.startswith(url) and (url != "/" or path == "/")
    ]
    return max(candidates, key=len) if candidates else None


def sections_for(user, path: str) -> list[dict]:
    """The sections and entries the user may use, with the entry for `path` marked active."""
    cached = _cached_sections(user)
    active = _active_url(cached, path)
    return [
        {
            "title": title,
            "items": [
                {"label": label, "url": url, "active": url == active} for label, url in items
            ],
        }
        for title, items in cached
    ]


@lru_cache(maxsize=2048)
def _rendered_sidebar(cached, active: str | None) -> str:
    sections = [
        {
            "title": title,
            "items": [
                {"label": label, "url": url, "active": url == active} for label, url in items
            ],
        }
        for title, items in cached
    ]
    return render_to_string("components/sidebar.html", {"nav_sections": sections})


def sidebar_html(user, path: str) -> str:
    """The sidebar's links as HTML, rendered once per permission set, language, script prefix
    and active entry, then shared by every request with the same key: it is the same on every
    page a role opens, and rendering its few dozen links was a fair part of every page."""
    cached = _cached_sections(user)
    return mark_safe(_rendered_sidebar(cached, _active_url(cached, path)))
