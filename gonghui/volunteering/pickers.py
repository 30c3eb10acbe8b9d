"""Picker sources for volunteers (chosen by their volunteer number) and teams, scoped to the
user who picks: a number from another province is "not found", exactly like one never issued."""

from django.db.models import Q

from gonghui.core.pickers import register

from .models import Pairing, Team, Volunteer


def _volunteers(user):
    return Volunteer.objects.visible_to(user).select_related("person")


VOLUNTEERS = register(
    "volunteer",
    model=Volunteer,
    choices=_volunteers,
    search=lambda qs, term: qs.filter(
        Q(person__name__startswith=term) | Q(code__startswith=term.upper())
    ).order_by("org_path", "code"),
    label=lambda v: v.person.name,
    key="code",
    normalize=lambda text: text.strip().upper(),
)

TEAMS = register(
    "team",
    model=Team,
    choices=lambda user: Team.objects.visible_to(user),
    search=lambda qs, term: qs.filter(name__contains=term).order_by("org_path", "name"),
    label=lambda t: t.name,
)

PAIRINGS = register(
    "pairing",
    model=Pairing,
    choices=lambda user: Pairing.objects.visible_to(user),
    search=lambda qs, term: qs.filter(community__contains=term).order_by("org_path", "-since_date"),
    label=str,
)
