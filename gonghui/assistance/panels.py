"""The needy-worker archive block on a person's page (the people app offers the slot): shown
only to users who may see the archive, with no sensitive value on it."""

from gonghui.core.panels import Panel

from . import selectors


def _context(request, person) -> dict:
    return {"assistance_archives": selectors.archives_of_person(request.user, person)}


PANELS = [Panel("person_detail", "assistance/_person_panel.html", _context, order=60)]
