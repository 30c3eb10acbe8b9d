"""Reads of people: the scoped, filtered, searchable list and the export rows."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from gonghui.core import privacy
from gonghui.core.chinese import is_pinyin_query, to_simplified
from gonghui.core.exceptions import ValidationFailed
from gonghui.core.figures import remembered
from gonghui.core.privacy import mask_id_number, mask_phone
from gonghui.organizations.models import Organization

from . import tallies
from .models import Person
from .permissions import can_edit_people_of


@dataclass
class PeopleFilter:
    q: str = ""
    organization: Organization | None = None
    department_id: int | None = None
    tag: str = ""
    gender: str = ""


TAG_FILTERS = {
    "volunteer": Q(is_volunteer=True),
    "needy": Q(is_needy=True),
    "liaison": Q(is_liaison=True),
    "model_worker": ~Q(model_worker_level=""),
}


# Phone digits a search accepts: three or four are looked up in the indexed last-four column
# (the digits any masked phone shows); a full number needs the sensitive permission. Fewer
# would match a tenth of everyone, and five or six would tell more digits than a mask shows.
PHONE_TAIL_LENGTHS = (3, 4)
FULL_PHONE_LENGTH = 7


class QueryTooShort(ValidationFailed):
    """A search that would mean nothing (or reveal too much); the message says what to type."""


def _check_digits(query: str) -> None:
    if len(query) not in PHONE_TAIL_LENGTHS and len(query) < FULL_PHONE_LENGTH:
        raise QueryTooShort(
            _("按手机号查找请输入尾号后 3 位或 4 位，或完整的手机号（%(n)s 位数字无法查找）")
            % {"n": len(query)},
            field="q",
        )


def is_broad(query: str) -> bool:
    """One character, or one or two pinyin letters: a few to a tenth of everyone match, so the
    list is walked in its own order (the first page is found at once) rather than through the
    name index and a sort of every match."""
    query = to_simplified(query.strip())
    if query.isdigit():
        return False
    return len(query) <= (2 if is_pinyin_query(query) else 1)


def search_q(query: str, *, user) -> Q:
    """Name prefix, pinyin initials prefix (zjh → 张建华) or the last three or four digits of
    a phone, each answered from an index (one letter or character walks the list's own
    order, see is_broad).

    A full phone number finds its owner, so it would unmask any phone by trying candidates:
    that lookup needs the sensitive permission, is rate-limited per user and audited
    (raises PermissionDenied or LookupThrottled). Other digit counts raise QueryTooShort."""
    query = to_simplified(query.strip())
    if not query:
        return Q()
    if query.isdigit():
        _check_digits(query)
        if len(query) == 4:
            return Q(phone_tail=query)
        if len(query) == 3:
            return Q(phone_tail__in=[digit + query for digit in "0123456789"])
        privacy.exact_lookup(by=user, kind="phone", value=query, label=_("手机号"))
        return Q(phone=query)
    broad = is_broad(query)
    if is_pinyin_query(query):
        # A plain LIKE is not served by SQLite's index, which is what a broad query wants.
        key = "name_initials__startswith" if broad else "name_initials__prefix"
        return Q(**{key: query.lower()})
    return Q(**{"name__startswith" if broad else "name__prefix": query})


def people_for_user(user, filters: PeopleFilter | None = None):
    filters = filters or PeopleFilter()
    # A selective name, initials or phone search drives the query from its own index; the
    # subtree range does for no search or a broad one.
    indexed = not filters.q or is_broad(filters.q)
    qs = Person.objects.visible_to(user, within=filters.organization, indexed=indexed)
    if filters.department_id:
        qs = qs.filter(department_id=filters.department_id)
    if filters.tag in TAG_FILTERS:
        qs = qs.filter(TAG_FILTERS[filters.tag])
    if filters.gender:
        qs = qs.filter(gender=filters.gender)
    if filters.q:
        qs = qs.filter(search_q(filters.q, user=user))
    return qs.select_related("organization", "department", "post").order_by(
        "org_path", "name", "pk"
    )


# What list_rows reads, as plain values: a page builds no model instances (a person, their
# organisation, department and post per row), which was half the cost of fetching it.
LIST_COLUMNS = (
    "pk",
    "name",
    "gender",
    "phone",
    "id_number",
    "organization_id",
    "model_worker_level",
    "is_volunteer",
    "is_needy",
    "is_liaison",
    "organization__name",
    "organization__short_name",
    "department__name",
    "post__name",
)


def list_rows(people) -> list[dict]:
    """A page of the people list (a slice of people_for_user's queryset) as plain rows,
    sensitive columns masked, with the gender and tag labels translated once for the page
    rather than once per row.

    Rows are dicts because the template engine tries a key lookup before an attribute one, and
    on a model instance that first try fails with an exception for every cell."""
    genders = {value: str(label) for value, label in Person.Gender.choices}
    levels = {value: str(label) for value, label in Person.ModelWorkerLevel.choices}
    volunteer, needy, liaison = str(_("志愿者")), str(_("困难职工")), str(_("联络员"))
    rows = []
    for person in people.values(*LIST_COLUMNS):
        # The same labels, in the same order, as Person.tags.
        level = person["model_worker_level"]
        tags = [levels[level]] if level else []
        if person["is_volunteer"]:
            tags.append(volunteer)
        if person["is_needy"]:
            tags.append(needy)
        if person["is_liaison"]:
            tags.append(liaison)
        rows.append(
            {
                "pk": person["pk"],
                "name": person["name"],
                "gender": genders.get(person["gender"], ""),
                "id_number": mask_id_number(person["id_number"]),
                "phone": mask_phone(person["phone"]),
                "organization_id": person["organization_id"],
                # Organization.display_name
                "organization": person["organization__short_name"] or person["organization__name"],
                "department": person["department__name"] or "",
                "post": person["post__name"] or "",
                "tags": tags,
            }
        )
    return rows


def get_person_for_user(user, pk, *, for_write: bool = False) -> Person:
    try:
        person = (
            Person.objects.visible_to(user)
            .select_related("organization", "department", "post")
            .get(pk=pk)
        )
    except (Person.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("人员不存在或无权访问")) from exc
    if for_write and not can_edit_people_of(user, person.organization):
        raise Http404(_("人员不存在或无权访问"))
    return person


def person_by_id_number(user, id_number: str) -> Person | None:
    """The person in the user's scope with this full ID number, for forms that identify a
    person by the number on their papers. Finding someone by it would unmask numbers by
    trying candidates, so a hit is audited and spends the user's lookup budget (a miss
    discloses nobody); with the budget spent it raises LookupThrottled whatever the number."""
    if not privacy.lookup_allowed(user, "id_number"):
        raise privacy.LookupThrottled(_("身份证号核对过于频繁，请稍后再试或联系省总工会管理员"))
    person = Person.objects.visible_to(user).filter(id_number=id_number).first()
    if person is not None:
        privacy.record_lookup(
            by=user,
            kind="id_number",
            value=id_number,
            target=person,
            summary=_("按身份证号 %(value)s 查找人员")
            % {"value": privacy.mask_id_number(id_number)},
        )
    return person


EXPORT_HEADERS = ["姓名", "性别", "身份证号", "手机号", "所属组织", "部门", "岗位", "标签"]


def export_rows(qs, *, unmasked: bool):
    """Plain rows for the Excel renderer; sensitive columns masked unless `unmasked`.

    `qs` comes from people_for_user, which already joins organisation, department and post."""
    for person in qs.iterator(chunk_size=2000):
        yield [
            person.name,
            person.get_gender_display(),
            person.id_number if unmasked else mask_id_number(person.id_number),
            person.phone if unmasked else mask_phone(person.phone),
            person.organization.name,
            person.department.name if person.department else "",
            person.post.name if person.post else "",
            "、".join(person.tags),
        ]


def headline_counts(user) -> dict:
    """The people, volunteers and model workers the user can see, for the home page and the
    figures, once per request: a sum of the per-organisation tallies (people/tallies.py)."""
    return remembered(user, "people.headline_counts", lambda: tallies.headline_counts(user))


def people_of_organization(user, organization: Organization, *, limit: int = 20):
    """The first people of the organisation itself (not its subtree) that the user can see."""
    return people_for_user(user, PeopleFilter(organization=organization)).filter(
        organization=organization
    )[:limit]
