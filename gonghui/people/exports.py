"""The people list's Excel export: the list's own filters, sensitive columns masked."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gonghui.core.privacy import mask_id_number, mask_phone
from gonghui.exports.lists import ListExport, stream_values
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors
from .models import Person


def filters(user, params: QueryDict) -> selectors.PeopleFilter:
    """The people list's filters from its query string (the page and its export share them)."""
    org = None
    if params.get("org", "").isdigit():
        org = get_organization_for_user(user, int(params["org"]))
    dept = params.get("dept", "")
    return selectors.PeopleFilter(
        q=params.get("q", "").strip(),
        organization=org,
        department_id=int(dept) if dept.isdigit() else None,
        tag=params.get("tag", ""),
        gender=params.get("gender", ""),
    )


_FIELDS = (
    "name",
    "gender",
    "id_number",
    "phone",
    "organization__name",
    "department__name",
    "post__name",
    "model_worker_level",
    "is_volunteer",
    "is_needy",
    "is_liaison",
)


def export_rows(qs, *, unmasked: bool):
    """Plain rows in selectors.EXPORT_HEADERS' order, sensitive columns masked unless
    `unmasked`: the list's own query read as values, labels translated once for the file."""
    genders = {value: str(label) for value, label in Person.Gender.choices}
    levels = {value: str(label) for value, label in Person.ModelWorkerLevel.choices}
    volunteer, needy, liaison = str(_("志愿者")), str(_("困难职工")), str(_("联络员"))
    for (
        name,
        gender,
        id_number,
        phone,
        organization,
        department,
        post,
        level,
        is_volunteer,
        is_needy,
        is_liaison,
    ) in stream_values(qs, _FIELDS):
        # The same labels, in the same order, as Person.tags.
        tags = [levels.get(level, level)] if level else []
        if is_volunteer:
            tags.append(volunteer)
        if is_needy:
            tags.append(needy)
        if is_liaison:
            tags.append(liaison)
        yield [
            name,
            genders.get(gender, ""),
            id_number if unmasked else mask_id_number(id_number),
            phone if unmasked else mask_phone(phone),
            organization,
            department or "",
            post or "",
            "、".join(tags),
        ]


PEOPLE = ListExport(
    key="people.people",
    title=_("人员名单"),
    queryset=lambda user, params: selectors.people_for_user(user, filters(user, params)),
    headers=selectors.EXPORT_HEADERS,
    rows=export_rows,
    sensitive_what=_("完整身份证号和手机号"),
    organization=lambda user, params: filters(user, params).organization,
)
