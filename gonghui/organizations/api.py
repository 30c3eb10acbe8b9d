"""REST endpoints for organisations and departments, scoped exactly like the pages."""

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from gonghui.api.fields import Id
from gonghui.api.pagination import ApiPagination

from . import selectors, services

router = Router()


class OrganizationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    parent_id: int | None
    depth: int
    num_children: int
    region: str


class OrganizationIn(Schema):
    parent_id: Id
    name: str
    kind: str
    short_name: str = ""
    region: str = ""


class MoveIn(Schema):
    new_parent_id: Id


class DepartmentOut(Schema):
    id: int
    organization_id: int
    name: str
    duties: str


@router.get("/", response=list[OrganizationOut])
@paginate(ApiPagination, page_size=50)
def list_organizations(request, parent_id: Id | None = None, q: str = ""):
    return selectors.organizations_for_user(request.auth, parent_id=parent_id, query=q)


@router.get("/{org_id}", response=OrganizationOut)
def get_organization(request, org_id: Id):
    return selectors.get_organization_for_user(request.auth, org_id)


@router.get("/{org_id}/departments", response=list[DepartmentOut])
def list_departments(request, org_id: Id):
    org = selectors.get_organization_for_user(request.auth, org_id)
    return list(selectors.departments_of(org))


@router.post("/", response={201: OrganizationOut})
def create_organization(request, payload: OrganizationIn):
    parent = selectors.get_organization_for_user(request.auth, payload.parent_id)
    org = services.create_organization(
        by=request.auth,
        parent=parent,
        name=payload.name,
        kind=payload.kind,
        short_name=payload.short_name,
        region=payload.region,
    )
    return Status(201, org)


@router.post("/{org_id}/move", response=OrganizationOut)
def move_organization(request, org_id: Id, payload: MoveIn):
    org = selectors.get_organization_for_user(request.auth, org_id, for_write=True)
    new_parent = selectors.get_organization_for_user(request.auth, payload.new_parent_id)
    return services.move_organization(by=request.auth, organization=org, new_parent=new_parent)
