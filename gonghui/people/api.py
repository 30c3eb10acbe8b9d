"""REST endpoints for people; sensitive fields masked unless the caller holds the permission."""

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.api.fields import Id
from gonghui.api.pagination import ApiPagination
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors, services

router = Router()


class PersonOut(Schema):
    id: int
    name: str
    gender: str
    organization_id: int
    department_id: int | None
    post_id: int | None
    id_number: str
    phone: str
    tags: list[str]

    @staticmethod
    def resolve_id_number(obj):
        return obj.id_number_masked

    @staticmethod
    def resolve_phone(obj):
        return obj.phone_masked


class PersonSensitiveOut(Schema):
    id: int
    name: str
    id_number: str
    phone: str


class PersonIn(Schema):
    name: str
    id_number: str
    organization_id: Id
    phone: str = ""
    gender: str = ""
    is_volunteer: bool = False
    is_needy: bool = False
    is_liaison: bool = False


@router.get("/", response=list[PersonOut])
@paginate(ApiPagination, page_size=50)
def list_people(
    request, q: str = "", organization_id: Id | None = None, tag: str = "", gender: str = ""
):
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    return selectors.people_for_user(
        request.auth, selectors.PeopleFilter(q=q, organization=org, tag=tag, gender=gender)
    )


@router.get("/{person_id}", response=PersonOut)
def get_person(request, person_id: Id):
    return selectors.get_person_for_user(request.auth, person_id)


@router.get("/{person_id}/sensitive", response={200: PersonSensitiveOut, 403: dict})
def get_person_sensitive(request, person_id: Id):
    """Unmasked ID number and phone; needs the permission and is written to the audit log."""
    person = selectors.get_person_for_user(request.auth, person_id)
    values = services.reveal_sensitive(by=request.auth, person=person)
    return {"id": person.pk, "name": person.name, **values}


@router.post("/", response={201: PersonOut})
def create_person(request, payload: PersonIn):
    org = get_organization_for_user(request.auth, payload.organization_id)
    data = payload.dict()
    data.pop("organization_id")
    person = services.create_person(by=request.auth, organization=org, **data)
    return Status(201, person)
