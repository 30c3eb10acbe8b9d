"""The sidebar: neutral section headings here, entries registered by the apps that own them.

An app lists its entries as `navigation = (NavEntry(...), ...)` on its AppConfig; an app that is
not installed shows nothing, and an entry whose page does not resolve is left out."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
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


@dataclass(frozen=True)
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
    entries = [entry for _config, declared in app_attributes("navigation") for entry in declared]
    sections = list(SECTIONS)
    return tuple(sorted(entries, key=lambda e: (sections.index(e.section), e.order)))


def _resolve(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def sections_for(user, path: str) -> list[dict]:
    """The sections and entries the user may use, with the entry for `path` marked active."""
    by_section: dict[str, list[dict]] = {}
    for entry in registered_entries():
        url = _resolve(entry.url_name)
        if url is None or not entry.shown_to(user):
            continue
        by_section.setdefault(entry.section, []).append(
            {"label": entry.label, "url": url, "active": False}
        )
    # The entry with the longest URL that prefixes the current path is the active one, so
    # /ledger/meeting/ lights up 月度汇报会 and not 创建台账 (/ledger/) as well.
    candidates = [
        item
        for items in by_section.values()
        for item in items
        if path.startswith(item["url"]) and (item["url"] != "/" or path == "/")
    ]
    if candidates:
        max(candidates, key=lambda item: len(item["url"]))["active"] = True
    return [
        {"title": title, "items": by_section[key]}
        for key, title in SECTIONS.items()
        if key in by_section
    ]
