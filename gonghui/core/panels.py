"""Panels: one app's block shown on another app's page without either importing the other.

A page offers a slot by name (e.g. "organization_detail") and renders `render_panels(...)`; an
app fills it by listing `PANELS = [Panel(...)]` in its own `panels.py`."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .registry import app_modules


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    context: Callable[..., dict]  # (request, obj) -> the template's context
    order: int = 100


def panels_for(slot: str) -> list[Panel]:
    found = [
        panel
        for _config, module in app_modules("panels")
        for panel in getattr(module, "PANELS", ())
        if panel.slot == slot
    ]
    return sorted(found, key=lambda panel: panel.order)


def render_panels(slot: str, request, obj) -> SafeString:
    """The HTML of every panel registered for `slot`, about `obj`, in order."""
    html = [
        render_to_string(panel.template, panel.context(request, obj), request=request)
        for panel in panels_for(slot)
    ]
    return mark_safe("".join(html))
