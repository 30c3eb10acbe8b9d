"""The honours history block on a person's page (the people app offers the slot)."""

from gonghui.core.panels import Panel

from . import selectors


def _context(request, person) -> dict:
    return {"honours": selectors.honours_of_person(request.user, person)}


PANELS = [Panel("person_detail", "honours/_person_panel.html", _context, order=50)]
