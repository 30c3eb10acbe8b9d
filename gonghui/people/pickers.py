"""Picker source for people, scoped to the user who picks."""

from gonghui.core.pickers import register
from gonghui.organizations.pickers import visible_organization

from .models import Person


def _people(user, *, organization=None, leadership=None):
    qs = Person.objects.visible_to(user).select_related("post")
    if organization is not None:
        org = visible_organization(user, organization)
        qs = qs.filter(organization=org) if org else qs.none()
    if leadership:
        qs = qs.filter(post__is_leadership=True)
    return qs


PEOPLE = register(
    "person",
    model=Person,
    choices=_people,
    search=lambda qs, term: qs.filter(name__startswith=term).order_by("name", "pk"),
    label=lambda p: f"{p.name}（{p.post.name}）" if p.post_id else p.name,
    params=("organization", "leadership"),
)
