"""REST endpoints for stations: staff list, detail, register and edit (scoped); monthly 人次 and
the yearly 星级评定 (read and record, scoped like the station), the monthly totals and the
stations not inspected in a year; the public nearest-station finder and a station's public
record (read-only, no login)."""

import datetime as dt
import re
from typing import Annotated, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field as PydanticField

from gonghui.api.fields import Count, Date, Id, Year
from gonghui.api.pagination import ApiPagination
from gonghui.core.concurrency import request_version, version_of
from gonghui.core.exceptions import ValidationFailed
from gonghui.organizations.selectors import get_organization_for_user

from . import coords, selectors, services

router = Router()

Latitude = Annotated[float, PydanticField(ge=-90, le=90)]
Longitude = Annotated[float, PydanticField(ge=-180, le=180)]
Short = Annotated[str, PydanticField(max_length=100)]
CoordSystem = Literal["wgs84", "gcj02", "bd09"]


class NamedOut(Schema):
    id: int
    code: str
    name: str


class StationOut(Schema):
    id: int
    code: str
    name: str
    kind_id: int
    organization_id: int
    host_unit: str
    district: str
    address: str
    latitude: float
    longitude: float
    service_ids: list[int]
    opening_hours: list[dict]
    hours: str
    contact_name: str
    contact_phone: str
    status: str
    opened_date: dt.date | None
    version: str

    @staticmethod
    def resolve_service_ids(obj):
        return [s.pk for s in obj.services.all()]

    @staticmethod
    def resolve_hours(obj):
        return obj.hours_label

    @staticmethod
    def resolve_contact_phone(obj):
        return obj.masked_contact_phone

    @staticmethod
    def resolve_version(obj):
        return version_of(obj)


class StationIn(Schema):
    code: Annotated[str, PydanticField(min_length=1, max_length=32)]
    name: Short
    kind_id: Id
    organization_id: Id
    host_unit: Short = ""
    district: Annotated[str, PydanticField(max_length=50)] = ""
    address: Annotated[str, PydanticField(max_length=200)]
    latitude: Latitude
    longitude: Longitude
    coord_system: CoordSystem = "wgs84"
    service_ids: list[Id] = []
    hours_text: Annotated[str, PydanticField(max_length=500)] = ""
    contact_name: Annotated[str, PydanticField(max_length=30)] = ""
    contact_phone: Annotated[str, PydanticField(max_length=30)] = ""
    status: Literal["planned", "open", "suspended", "closed"] = "open"
    opened_date: Date | None = None
    note: Annotated[str, PydanticField(max_length=2000)] = ""


class StationUpdateIn(StationIn):
    version: str | None = Field(
        None,
        description="The `version` of the station as read; an `If-Match` header does the same. "
        "A stale version is refused with 409 instead of overwriting someone else's edit.",
    )


class PublicStationOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    host_unit: str
    district: str
    address: str
    latitude: float
    longitude: float
    gcj02_latitude: float
    gcj02_longitude: float
    services: list[str]
    hours: str
    status: str
    is_open_now: bool
    distance_km: float | None

    @staticmethod
    def resolve_gcj02_latitude(obj):
        return obj.gcj02[0]

    @staticmethod
    def resolve_gcj02_longitude(obj):
        return obj.gcj02[1]


class UsageOut(Schema):
    month: str = Field(..., description="YYYY-MM")
    visits: int
    note: str

    @staticmethod
    def resolve_month(obj):
        return f"{obj.month:%Y-%m}"


class UsageIn(Schema):
    # Checked after the station is found, so a station out of scope answers 404 whatever the body.
    month: Annotated[str, PydanticField(max_length=10)] = Field(
        ..., description="YYYY-MM; entering a month again replaces its count"
    )
    visits: Count
    note: Annotated[str, PydanticField(max_length=200)] = ""


class MonthTotalOut(Schema):
    month: int
    visits: int


class InspectionItemOut(Schema):
    id: int
    code: str
    name: str
    max_score: int
    guidance: str


class InspectionResultOut(Schema):
    item: int
    code: str
    name: str
    max: int
    score: int


class InspectionOut(Schema):
    id: int
    year: int
    inspected_on: dt.date
    inspector: str
    score: int
    max_score: int
    stars: int
    note: str
    results: list[InspectionResultOut]


class ScoreIn(Schema):
    item_id: Id
    score: Annotated[int, PydanticField(ge=0, le=100)]


class InspectionIn(Schema):
    inspected_on: Date = Field(..., description="The year it falls in is the inspection's year")
    inspector: Annotated[str, PydanticField(min_length=1, max_length=60)]
    scores: list[ScoreIn] = Field(..., description="A score for every active checklist item")
    note: Annotated[str, PydanticField(max_length=2000)] = ""


class StationBriefOut(Schema):
    id: int
    code: str
    name: str
    organization_id: int
    district: str
    status: str


def _resolve(request, payload: StationIn) -> dict:
    data = payload.dict()
    data["organization"] = get_organization_for_user(request.auth, data.pop("organization_id"))
    data["kind"] = selectors.get_kind(data.pop("kind_id"))
    data["services"] = selectors.get_services(data.pop("service_ids"))
    return data


@router.get("/kinds", response=list[NamedOut])
def list_kinds(request):
    return selectors.kinds()


@router.get("/services", response=list[NamedOut])
def list_services(request):
    return selectors.services()


@router.get("/inspection-items", response=list[InspectionItemOut])
def list_inspection_items(request):
    """The active 星级评定 checklist: what a recorded inspection scores."""
    return selectors.inspection_items()


def _filters(request, organization_id) -> selectors.StationFilter:
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    return selectors.StationFilter(organization=org)


@router.get("/usage/monthly", response=list[MonthTotalOut])
def usage_monthly(request, year: Year | None = None, organization_id: Id | None = None):
    """人次 served per month of a year by the stations the caller sees (or one organisation's)."""
    year = year or timezone.localdate().year
    rows = selectors.usage_by_month(request.auth, year, _filters(request, organization_id))
    return [{"month": r["month"], "visits": r["n"]} for r in rows]


@router.get("/not-inspected", response=list[StationBriefOut])
@paginate(ApiPagination, page_size=50)
def not_inspected(request, year: Year | None = None, organization_id: Id | None = None):
    """Stations in operation with no 星级评定 for the year (this year by default)."""
    year = year or timezone.localdate().year
    return selectors.not_inspected(request.auth, year, _filters(request, organization_id))


@router.get("/", response=list[StationOut])
@paginate(ApiPagination, page_size=50)
def list_stations(
    request,
    organization_id: Id | None = None,
    kind_id: Id | None = None,
    status: Literal["planned", "open", "suspended", "closed"] | None = None,
    service_id: Id | None = None,
    district: str = "",
    q: str = "",
):
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    filters = selectors.StationFilter(
        organization=org,
        kind_id=kind_id,
        status=status or "",
        service_id=service_id,
        district=district,
        q=q,
    )
    return selectors.stations_for_user(request.auth, filters)


@router.get("/public/nearest", response=list[PublicStationOut], auth=None)
def nearest(
    request,
    latitude: Latitude,
    longitude: Longitude,
    coord_system: CoordSystem = "wgs84",
    limit: Annotated[int, PydanticField(ge=1, le=50)] = 10,
    service_id: Id | None = None,
    open_now: bool = False,
    max_km: Annotated[float, PydanticField(gt=0, le=500)] | None = None,
):
    lat, lon = coords.to_wgs84(latitude, longitude, coord_system)
    return selectors.nearest_public(
        selectors.NearestQuery(
            latitude=lat,
            longitude=lon,
            limit=limit,
            service_ids=[service_id] if service_id else [],
            open_now=open_now,
            max_km=max_km,
        )
    )


@router.get("/public/{station_id}", response=PublicStationOut, auth=None)
def public_station(request, station_id: Id):
    return selectors.get_public_station(station_id)


@router.get("/{station_id}", response=StationOut)
def get_station(request, station_id: Id):
    return selectors.get_station_for_user(request.auth, station_id)


@router.post("/", response={201: StationOut})
def create_station(request, payload: StationIn):
    station = services.create_station(by=request.auth, **_resolve(request, payload))
    return Status(201, station)


@router.put("/{station_id}", response=StationOut)
def update_station(request, station_id: Id, payload: StationUpdateIn):
    station = selectors.get_station_for_user(request.auth, station_id, for_write=True)
    data = _resolve(request, payload)
    version = request_version(request, data.pop("version", None))
    return services.update_station(by=request.auth, station=station, version=version, **data)


@router.get("/{station_id}/usage", response=list[UsageOut])
def list_usage(request, station_id: Id):
    """The station's monthly 人次, newest first (two years)."""
    station = selectors.get_station_for_user(request.auth, station_id)
    return selectors.usage_of(station)


@router.post("/{station_id}/usage", response=UsageOut)
def record_usage(request, station_id: Id, payload: UsageIn):
    station = selectors.get_station_for_user(request.auth, station_id, for_write=True)
    return services.record_usage(
        by=request.auth,
        station=station,
        month=_month(payload.month),
        visits=payload.visits,
        note=payload.note,
    )


def _month(text: str) -> dt.date:
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        raise ValidationFailed(_("月份格式如 2026-03"), field="month")
    return dt.date(int(match[1]), int(match[2]), 1)


@router.get("/{station_id}/inspections", response=list[InspectionOut])
def list_inspections(request, station_id: Id):
    station = selectors.get_station_for_user(request.auth, station_id)
    return selectors.inspections_of(station)


@router.post("/{station_id}/inspections", response=InspectionOut)
def record_inspection(request, station_id: Id, payload: InspectionIn):
    """Record (or correct) the 星级评定 of the year the inspection date falls in."""
    station = selectors.get_station_for_user(request.auth, station_id, for_write=True)
    return services.record_inspection(
        by=request.auth,
        station=station,
        inspected_on=payload.inspected_on,
        inspector=payload.inspector,
        scores={s.item_id: s.score for s in payload.scores},
        note=payload.note,
    )
