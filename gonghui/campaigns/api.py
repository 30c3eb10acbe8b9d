"""REST endpoints: frameworks, campaigns, indicators, assignments and the 回头看 table."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gonghui.api.fields import Date, Id, Year
from gonghui.api.pagination import ApiPagination
from gonghui.core.exceptions import PermissionDenied
from gonghui.organizations.selectors import get_organization_for_user

from . import frameworks, permissions, selectors, services
from .pickers import assignment_pickers

router = Router()


class VersionOut(Schema):
    id: int
    framework_id: int
    framework_code: str
    framework_name: str
    label: str
    is_example: bool
    grade_map: dict

    @staticmethod
    def resolve_framework_code(obj):
        return obj.framework.code

    @staticmethod
    def resolve_framework_name(obj):
        return obj.framework.name


class CampaignOut(Schema):
    id: int
    name: str
    kind: str
    year: int
    organization_id: int
    assessment_date: dt.date
    framework_name: str
    grade_map: dict
    status: str


class CampaignIn(Schema):
    name: str
    kind: str
    year: Year
    organization_id: Id
    version_id: Id
    assessment_date: Date
    start_date: Date | None = None


class CampaignIndicatorOut(Schema):
    id: int
    parent_id: int | None
    code: str
    name: str
    depth: int
    is_leaf: bool
    full_score: Decimal
    methods: list[str]
    min_photos: int
    min_chars: int
    max_chars: int
    requires_doc_number: bool
    file_types: list[str]
    self_grade: str


class AssignmentOut(Schema):
    id: int
    campaign_id: int
    indicator_id: int
    indicator_code: str
    organization_id: int
    department_id: int | None
    unit: str
    leader_id: int | None
    liaison_id: int | None
    deadline: dt.date | None
    status: str
    is_complete: bool
    missing: str

    @staticmethod
    def resolve_indicator_code(obj):
        return obj.indicator.code

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_name


class AssignmentIn(Schema):
    indicator_ids: list[Id]
    department_ids: list[Id] = []
    organization_ids: list[Id] = []
    leader_id: Id | None = None
    liaison_id: Id | None = None
    deadline: Date | None = None


class LookbackOut(Schema):
    assignment_id: int
    indicator_code: str
    indicator_name: str
    unit: str
    status: str
    status_label: str
    is_complete: bool
    missing: str
    deadline: dt.date | None
    latest_start: dt.date
    submit_by: dt.date
    latest_finish: dt.date
    behind: str


class ScoreOut(Schema):
    full: Decimal
    total: Decimal
    projected: Decimal
    bonus: Decimal
    deductions: Decimal
    is_eligible: bool
    vetoes: list[str]
    ungraded: int


@router.get("/frameworks", response=list[VersionOut])
def list_framework_versions(request):
    return selectors.framework_versions_for_user(request.auth)


@router.post("/frameworks/import", response={201: VersionOut})
def import_framework_yaml(request, file: UploadedFile = File(...)):  # noqa: B008
    """Import a YAML framework file (atomic; the errors list every problem)."""
    if not permissions.can_manage_frameworks(request.auth):
        raise PermissionDenied(_("您没有维护测评体系的权限"))
    frameworks.check_framework_file(file, allowed=("yaml",))
    spec = frameworks.parse_yaml(file.read())
    return Status(201, frameworks.import_framework(spec=spec, by=request.auth, source="api"))


class FrameworkYamlOut(Schema):
    yaml: str


@router.get("/frameworks/{version_id}/yaml", response=FrameworkYamlOut)
def export_framework_yaml(request, version_id: Id):
    version = selectors.get_version_for_user(request.auth, version_id)
    return {"yaml": frameworks.export_yaml(version)}


@router.get("/", response=list[CampaignOut])
def list_campaigns(request):
    return list(selectors.campaigns_for_user(request.auth))


@router.post("/", response={201: CampaignOut})
def create_campaign(request, payload: CampaignIn):
    org = get_organization_for_user(request.auth, payload.organization_id)
    version = selectors.get_version_for_user(request.auth, payload.version_id)
    campaign = services.create_campaign(
        by=request.auth,
        organization=org,
        version=version,
        name=payload.name,
        kind=payload.kind,
        year=payload.year,
        assessment_date=payload.assessment_date,
        start_date=payload.start_date,
    )
    return Status(201, campaign)


@router.get("/{campaign_id}", response=CampaignOut)
def get_campaign(request, campaign_id: Id):
    return selectors.get_campaign_for_user(request.auth, campaign_id)


class CloseCampaignIn(Schema):
    note: str = Field("", max_length=500)


@router.post("/{campaign_id}/close", response=CampaignOut)
def close_campaign(request, campaign_id: Id, payload: CloseCampaignIn):
    campaign = selectors.get_campaign_for_user(request.auth, campaign_id, for_write=True)
    return services.close_campaign(by=request.auth, campaign=campaign, note=payload.note)


@router.get("/{campaign_id}/indicators", response=list[CampaignIndicatorOut])
def list_indicators(request, campaign_id: Id):
    return selectors.indicator_tree(selectors.get_campaign_for_user(request.auth, campaign_id))


@router.get("/{campaign_id}/score", response=ScoreOut)
def get_score(request, campaign_id: Id):
    campaign = selectors.get_campaign_for_user(request.auth, campaign_id)
    return selectors.score_for(campaign, request.auth, by_unit=False)


@router.get("/{campaign_id}/assignments", response=list[AssignmentOut])
@paginate(ApiPagination, page_size=100)
def list_assignments(request, campaign_id: Id):
    campaign = selectors.get_campaign_for_user(request.auth, campaign_id)
    return selectors.lookback_queryset(campaign, request.auth)


@router.post("/{campaign_id}/assignments", response={201: list[AssignmentOut]})
def assign(request, campaign_id: Id, payload: AssignmentIn):
    """Every id in the body is resolved like the page's pickers: within the user's scope under
    the campaign's organisation, and "not found" (400, naming the field) otherwise."""
    campaign = selectors.get_campaign_for_user(request.auth, campaign_id, for_write=True)
    pickers = assignment_pickers(campaign)

    def resolve(name, keys, body_field):
        source, params = pickers[name]
        return source.resolve(request.auth, keys, params, field=body_field)

    def resolve_one(name, key, body_field):
        return resolve(name, [key], body_field)[0] if key else None

    indicators = selectors.indicators_by_ids(campaign, payload.indicator_ids)
    made = services.assign(
        by=request.auth,
        campaign=campaign,
        indicators=indicators,
        departments=resolve("departments", payload.department_ids, "department_ids"),
        organizations=resolve("organizations", payload.organization_ids, "organization_ids"),
        leader=resolve_one("leader", payload.leader_id, "leader_id"),
        liaison=resolve_one("liaison", payload.liaison_id, "liaison_id"),
        deadline=payload.deadline,
    )
    return Status(201, made)


@router.get("/{campaign_id}/lookback", response=list[LookbackOut])
@paginate(ApiPagination, page_size=100)
def lookback(
    request,
    campaign_id: Id,
    department_id: Id | None = None,
    leader_id: Id | None = None,
    status: str = "",
):
    """The 回头看 table with 倒排工期 milestones, scoped like the page."""
    campaign = selectors.get_campaign_for_user(request.auth, campaign_id)
    qs = selectors.lookback_queryset(
        campaign,
        request.auth,
        selectors.LookbackFilter(department_id=department_id, leader_id=leader_id, status=status),
    )
    return _LookbackRows(campaign, qs)


class _LookbackRows:
    """Lets the paginator slice the queryset, then turns the page into rows."""

    def __init__(self, campaign, qs):
        self.campaign, self.qs = campaign, selectors.KeyPaged(qs)

    def __len__(self):
        return self.qs.count()

    def count(self):
        return self.qs.count()

    def __getitem__(self, index):
        return [
            {
                "assignment_id": r.assignment.pk,
                "indicator_code": r.indicator.code,
                "indicator_name": r.indicator.name,
                "unit": r.assignment.unit_name,
                "status": r.status,
                "status_label": r.status_label,
                "is_complete": r.assignment.is_complete,
                "missing": r.assignment.missing,
                "deadline": r.assignment.deadline,
                "latest_start": r.schedule.latest_start,
                "submit_by": r.schedule.submit_by,
                "latest_finish": r.schedule.latest_finish,
                "behind": r.behind,
            }
            for r in selectors.lookback_rows(self.campaign, self.qs[index])
        ]
