"""Reads of people: the scoped, filtered, searchable list and the export rows."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from gonghui.core import privacy
from gonghui.core.chinese import is_pinyin_query, to_simplified
from gonghui.core.privacy import mask_id_number, mask_phone
from gonghui.organizations.models import Organization

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


def search_q(query: str, *, user) -> Q:
    """Name prefix, pinyin initials prefix (zjh → 张建华) or the last four digits of a phone.

    A full phone number finds its owner, so it would unmask any phone by trying candidates:
    that lookup needs the sensitive permission, is rate-limited per user and audited
    (raises PermissionDenied or LookupThrottled)."""
    query = to_simplified(query.strip())
    if not query:
        return Q()
    if query.isdigit():
        if len(query) == 4:
            return Q(phone_tail=query)
        if len(query) >= 7:
            privacy.exact_lookup(by=user, kind="phone", value=query, label=_("手机号"))
            return Q(phone=query)
        return Q(phone_tail__endswith=query)
    if is_pinyin_query(query):
        return Q(name_initials__prefix=query.lower())
    return Q(name__prefix=query)


def people_for_user(user, filters: PeopleFilter | None = None):
    filters = filters or PeopleFilter()
    # With a name, initials or phone search, that index is far more selective than the subtree.
    qs = Person.objects.visible_to(user, within=filters.organization, indexed=not filters.q)
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
    """The people, volunteers and model workers the user can see, for the home page."""
    people = Person.objects.visible_to(user)
    return {
        "num_people": people.count(),
        "num_volunteers": people.filter(is_volunteer=True).count(),
        "num_model_workers": people.exclude(model_worker_level="").count(),
    }


def people_of_organization(user, organization: Organization, *, limit: int = 20):
    """The first people of the organisation itself (not its subtree) that the user can see."""
    return people_for_user(user, PeopleFilter(organization=organization)).filter(
        organization=organization
    )[:limit]
