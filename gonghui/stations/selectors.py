"""Reads of stations: the scoped filtered list, details, the public page, statistics, export rows
and the index-backed nearest lookup."""

import datetime as dt
import math
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db import connections
from django.db.models import Avg, Count, F, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Floor, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core.privacy import mask_phone
from gonghui.organizations.models import Organization
from gonghui.organizations.paths import SEGMENT_WIDTH, ids_in, subtree_range

from . import coords, hours
from .models import (
    Inspection,
    InspectionItem,
    Station,
    StationKind,
    StationPhoto,
    StationService,
    StationUsage,
)
from .permissions import can_change


@dataclass
class StationFilter:
    organization: Organization | None = None
    kind_id: int | None = None
    status: str = ""
    service_id: int | None = None
    district: str = ""
    q: str = ""


def stations_for_user(user, filters: StationFilter | None = None):
    filters = filters or StationFilter()
    qs = Station.objects.visible_to(user)
    if filters.organization is not None:
        low, high = subtree_range(filters.organization.path)
        qs = qs.filter(org_path__gte=low, org_path__lt=high)
    if filters.kind_id:
        qs = qs.filter(kind_id=filters.kind_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.service_id:
        qs = qs.filter(services__id=filters.service_id)
    if filters.district:
        qs = qs.filter(district=filters.district)
    if filters.q:
        qs = qs.filter(Q(name__contains=filters.q) | Q(code=filters.q))
    return (
        qs.select_related("kind", "organization")
        .prefetch_related("services")
        .order_by("org_path", "code", "pk")
    )


def get_station_for_user(user, pk, *, for_write: bool = False) -> Station:
    try:
        station = (
            Station.objects.visible_to(user)
            .select_related("kind", "organization", "created_by")
            .prefetch_related("services")
            .get(pk=pk)
        )
    except (Station.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("驿站不存在或无权访问")) from exc
    if for_write and not can_change(user, station):
        raise Http404(_("驿站不存在或无权访问"))
    return station


PUBLIC_STATUSES = (Station.Status.OPEN, Station.Status.SUSPENDED)


@dataclass(frozen=True)
class PublicStation:
    """What the public sees of a station: no contact person, notes or who registered it."""

    id: int
    code: str
    name: str
    kind: str
    host_unit: str
    district: str
    address: str
    latitude: float
    longitude: float
    gcj02: tuple[float, float]
    services: tuple[str, ...]
    hours: str
    status: str
    status_label: str
    is_open_now: bool
    distance_km: float | None = None
    photo_ids: tuple[int, ...] = ()


def public_view(station: Station, *, at: dt.datetime | None = None, distance_km=None):
    at = at or timezone.localtime()
    return PublicStation(
        id=station.pk,
        code=station.code,
        name=station.name,
        kind=station.kind.name,
        host_unit=station.host_unit,
        district=station.district,
        address=station.address,
        latitude=station.latitude,
        longitude=station.longitude,
        gcj02=station.gcj02,
        services=tuple(s.name for s in station.services.all()),
        hours=station.hours_label,
        status=station.status,
        status_label=station.get_status_display(),
        is_open_now=station.is_open_at(at),
        distance_km=None if distance_km is None else round(distance_km, 2),
    )


def _public_station(pk) -> Station:
    try:
        return (
            Station.objects.filter(status__in=PUBLIC_STATUSES)
            .select_related("kind")
            .prefetch_related("services")
            .get(pk=pk)
        )
    except (Station.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("驿站不存在")) from exc


def get_public_station(pk) -> PublicStation:
    station = _public_station(pk)
    view = public_view(station)
    photos = tuple(
        station.photos.filter(inspection__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    return replace(view, photo_ids=photos)


def get_public_photo(station_pk, photo_pk) -> StationPhoto:
    """A photo of a publicly listed station (never an inspection's)."""
    station = _public_station(station_pk)
    try:
        return station.photos.get(pk=photo_pk, inspection__isnull=True)
    except (StationPhoto.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("照片不存在")) from exc


def get_photo_of(station: Station, photo_pk) -> StationPhoto:
    try:
        return station.photos.get(pk=photo_pk)
    except (StationPhoto.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("照片不存在")) from exc


def station_photos(station: Station) -> list[StationPhoto]:
    return list(station.photos.filter(inspection__isnull=True).order_by("pk"))


def stations_by_codes(user, codes) -> list[Station]:
    """Stations with these codes that the user may see (the usage import's lookup)."""
    return list(Station.objects.visible_to(user).filter(code__in=set(codes))[:5000])


def kinds(*, active_only: bool = True) -> list[StationKind]:
    qs = StationKind.objects.all()
    return list(qs.filter(is_active=True) if active_only else qs)


def services(*, active_only: bool = True) -> list[StationService]:
    qs = StationService.objects.all()
    return list(qs.filter(is_active=True) if active_only else qs)


_DISTRICTS_KEY = "stations:public-districts"


def districts() -> list[str]:
    """Districts that have a publicly listed station (the finder's typed-district choices).
    Kept in the cache for ten minutes and dropped when a station is saved: reading them means
    a pass over every station (over 100 ms at 200 000), on each visit of a public page."""
    found = cache.get(_DISTRICTS_KEY)
    if found is None:
        found = list(
            Station.objects.filter(status__in=PUBLIC_STATUSES)
            .exclude(district="")
            .values_list("district", flat=True)
            .distinct()
            .order_by("district")
        )
        cache.set(_DISTRICTS_KEY, found, 600)
    return found


def forget_districts() -> None:
    cache.delete(_DISTRICTS_KEY)


def district_centre(district: str) -> tuple[float, float] | None:
    """Where a typed district is: the mean position of its public stations."""
    rows = list(
        Station.objects.filter(status__in=PUBLIC_STATUSES, district=district).values_list(
            "latitude", "longitude"
        )[:500]
    )
    if not rows:
        return None
    return sum(r[0] for r in rows) / len(rows), sum(r[1] for r in rows) / len(rows)


# --- Nearest stations ----------------------------------------------------------------------

# Squares of cells searched, half-widths in cells; beyond the last per-row square the search
# reads whole bands of rows (one index range) with a longitude condition.
_PER_ROW_UNTIL = 64
_LAST_RING = 4096


def _ring_condition(row0: int, col0: int, k: int) -> Q:
    width = coords.CELLS_PER_ROW
    if k <= _PER_ROW_UNTIL:
        condition = Q(pk__in=[])
        for row in range(row0 - k, row0 + k + 1):
            condition |= Q(cell__gte=row * width + col0 - k, cell__lte=row * width + col0 + k)
        return condition
    span = k * coords.CELL_DEG
    centre_lon = (col0 + 0.5) * coords.CELL_DEG - 180.0
    band = Q(cell__gte=(row0 - k) * width, cell__lt=(row0 + k + 1) * width)
    if span >= 180:
        return band
    return band & Q(longitude__gte=centre_lon - span - 1, longitude__lte=centre_lon + span + 1)


def candidate_query(base, row0: int, col0: int, k: int):
    """The stations of the square of half-width k cells; unordered, so that no index that
    merely matches the model's ordering tempts the planner away from the cell index."""
    return base.filter(_ring_condition(row0, col0, k)).distinct().order_by()


def _covered_km(lat: float, k: int) -> float:
    """A distance within which every station lies inside the searched square: the square's
    edges are at least k cells away in latitude and in longitude (the latter measured to the
    great circle of the edge meridian, the shortest way past it)."""
    reach = math.radians(k * coords.CELL_DEG)
    if reach >= math.pi / 2:
        return math.inf
    lat_km = coords.EARTH_RADIUS_KM * reach
    lon_km = coords.EARTH_RADIUS_KM * math.asin(math.sin(reach) * math.cos(math.radians(lat)))
    return min(lat_km, lon_km)


@dataclass
class NearestQuery:
    latitude: float
    longitude: float
    limit: int = 10
    service_ids: list[int] = field(default_factory=list)
    open_now: bool = False
    max_km: float | None = None
    at: dt.datetime | None = None


def nearest_stations(query: NearestQuery, *, base=None) -> list[tuple[Station, float]]:
    """The nearest stations to a WGS-84 point with their distances in km, nearest first (ties
    by id). Candidates come through an index (PostgreSQL: the GiST index on the position, read
    in distance order; others: the grid cells), only their position and hours are read, exact
    haversine distances rank them, and the search widens until nothing unread could be nearer
    than the n-th found. Only the n found are then read in full."""
    base = base if base is not None else Station.objects.filter(status=Station.Status.OPEN)
    for service_id in query.service_ids:
        base = base.filter(services__id=service_id)
    at = query.at or timezone.localtime()
    search = _search_knn if _knn_available(base.db) else _search_grid
    found = search(query, base, at)
    chosen = found[: query.limit]
    stations = Station.objects.select_related("kind").prefetch_related("services")
    by_pk = stations.in_bulk([pk for _km, pk in chosen])
    return [(by_pk[pk], km) for km, pk in chosen]


def _keep(query: NearestQuery, at, rows) -> list[tuple[float, int]]:
    """(km, pk) of the candidate rows (pk, latitude, longitude, hours) the query accepts."""
    found = []
    for pk, lat, lon, rules in rows:
        km = coords.haversine_km(query.latitude, query.longitude, lat, lon)
        if query.max_km is not None and km > query.max_km:
            continue
        if query.open_now and not hours.is_open_at(rules, at):
            continue
        found.append((km, pk))
    found.sort()
    return found


def _enough(query: NearestQuery, found, covered_km: float) -> bool:
    if covered_km >= (query.max_km or math.inf):
        return True
    return len(found) >= query.limit and found[query.limit - 1][0] <= covered_km


def _search_grid(query: NearestQuery, base, at) -> list[tuple[float, int]]:
    """Squares of grid cells of doubling size through the (cell, status) index."""
    row0, col0 = coords.cell_row_col(query.latitude, query.longitude)
    k = 1
    while True:
        rows = candidate_query(base, row0, col0, k).values_list(
            "pk", "latitude", "longitude", "opening_hours"
        )
        found = _keep(query, at, rows)
        if _enough(query, found, _covered_km(query.latitude, k)) or k >= _LAST_RING:
            return found
        k *= 2


# --- PostgreSQL: the position's GiST index, read nearest first -------------------------------

# Candidates read by the first query; each further query reads four times as many.
_FIRST_BATCH = 40


def _knn_available(alias: str) -> bool:
    return connections[alias].vendor == "postgresql"


def knn_query(base, latitude: float, longitude: float, batch: int):
    """The first `batch` stations in order of planar distance in degrees from the point, the
    order the GiST index on point(longitude, latitude) is read in (migration 0005)."""
    table = connections[base.db].ops.quote_name(Station._meta.db_table)
    planar = RawSQL(
        f"point({table}.longitude, {table}.latitude) <-> point(%s, %s)", (longitude, latitude)
    )
    return base.order_by(planar.asc())[:batch]


def _search_knn(query: NearestQuery, base, at) -> list[tuple[float, int]]:
    """Candidates in planar-distance order through the GiST index, in growing batches. Everything
    unread is at least as far in degrees as the last row read; _outside_disk_km turns that into
    kilometres, below which the found list is complete."""
    # Each service filter joins the station–service table on one service, where a station has
    # at most one row, so the join repeats no station and needs no DISTINCT (which would sort).
    batch = max(_FIRST_BATCH, 4 * query.limit)
    while True:
        rows = list(
            knn_query(base, query.latitude, query.longitude, batch).values_list(
                "pk", "latitude", "longitude", "opening_hours"
            )
        )
        found = _keep(query, at, rows)
        if len(rows) < batch:  # every station the filters allow has been read
            return found
        reach = max(
            math.hypot(lon - query.longitude, lat - query.latitude) for _pk, lat, lon, _ in rows
        )
        if _enough(query, found, _outside_disk_km(query.latitude, reach)):
            return found
        batch *= 4


def _outside_disk_km(lat: float, reach_deg: float) -> float:
    """A distance no point farther than reach_deg degrees (planar, in latitude and longitude)
    from a point at latitude `lat` can be closer than.

    Such a point differs by Δφ = r·sin t in latitude and Δλ = r·cos t in longitude with r ≥ reach;
    it is at least |Δφ| away (along a meridian) and at least asin(cos φ · sin |Δλ|) away (the
    distance to the great circle of its meridian). The first bound grows with t, the second
    shrinks, so the smallest of their larger is where they cross, found by bisection; the lower
    end of the final bracket keeps the result a bound."""
    cos_lat = math.cos(math.radians(lat))

    def by_latitude(t: float) -> float:
        return math.radians(min(reach_deg * math.sin(t), 180.0))

    def by_longitude(t: float) -> float:
        dlon = math.radians(min(reach_deg * math.cos(t), 90.0))
        return math.asin(min(1.0, cos_lat * math.sin(dlon)))

    low, high = 0.0, math.pi / 2
    if by_latitude(low) >= by_longitude(low):
        return coords.EARTH_RADIUS_KM * by_longitude(low)
    for _step in range(40):
        middle = (low + high) / 2
        if by_latitude(middle) < by_longitude(middle):
            low = middle
        else:
            high = middle
    return coords.EARTH_RADIUS_KM * by_latitude(low)


def nearest_public(query: NearestQuery) -> list[PublicStation]:
    at = query.at or timezone.localtime()
    return [public_view(station, at=at, distance_km=km) for station, km in nearest_stations(query)]


# --- Usage and inspections -----------------------------------------------------------------


def usage_of(station: Station, *, months: int = 24) -> list[StationUsage]:
    return list(station.usage.select_related("entered_by").order_by("-month")[:months])


def inspections_of(station: Station) -> list[Inspection]:
    return list(station.inspections.prefetch_related("photos").order_by("-year"))


def get_inspection_of(station: Station, inspection_pk) -> Inspection:
    try:
        return station.inspections.prefetch_related("photos").get(pk=inspection_pk)
    except (Inspection.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("星级评定不存在")) from exc


def inspection_items() -> list[InspectionItem]:
    return list(InspectionItem.objects.filter(is_active=True))


def usage_total(user, start: dt.date, end: dt.date, filters: StationFilter | None = None) -> int:
    """人次 served by the visible stations in the months from start to end (both included)."""
    stations = stations_for_user(user, filters).order_by().values("pk")
    total = StationUsage.objects.filter(
        station__in=stations, month__gte=start.replace(day=1), month__lte=end
    ).aggregate(n=Sum("visits"))["n"]
    return total or 0


def usage_by_month(user, year: int, filters: StationFilter | None = None) -> list[dict]:
    stations = stations_for_user(user, filters).order_by().values("pk")
    rows = dict(
        StationUsage.objects.filter(station__in=stations, month__year=year)
        .values_list("month")
        .annotate(n=Sum("visits"))
    )
    return [{"month": month, "n": rows.get(dt.date(year, month, 1), 0)} for month in range(1, 13)]


def usage_rows(user, year: int, filters: StationFilter | None = None):
    """The monthly counts of the visible stations in a year (the usage export)."""
    stations = stations_for_user(user, filters).order_by().values("pk")
    return (
        StationUsage.objects.filter(station__in=stations, month__year=year)
        .select_related("station__organization")
        .order_by("station__org_path", "station__code", "month")
    )


def not_inspected(user, year: int, filters: StationFilter | None = None):
    """Stations in operation (运营 or 暂停) with no 星级评定 for the year."""
    done = Inspection.objects.filter(year=year).values("station_id")
    return stations_for_user(user, filters).filter(status__in=PUBLIC_STATUSES).exclude(pk__in=done)


def stars_breakdown(user, year: int, filters: StationFilter | None = None) -> list[dict]:
    stations = stations_for_user(user, filters).order_by().values("pk")
    rows = dict(
        Inspection.objects.filter(year=year, station__in=stations)
        .values_list("stars")
        .annotate(n=Count("pk"))
    )
    return [
        {"stars": s, "label": "★" * s or _("不达标"), "n": rows.get(s, 0)} for s in range(5, -1, -1)
    ]


def status_counts(user) -> dict[str, int]:
    """Stations the user sees, per status: one grouped count (the (org_path, status) index)."""
    qs = Station.objects.visible_to(user).order_by()
    return dict(qs.values_list("status").annotate(n=Count("pk")))


def open_counts_by_child(user, parent: Organization) -> dict[int, int]:
    """Stations in operation (运营) under each child organisation of `parent`, its whole
    subtree: {child id: count}, within the user's scope. One grouped query on the path prefix
    (paths are fixed-width segments, so a child's prefix has the parent's length plus one)."""
    low, high = subtree_range(parent.path)
    width = len(parent.path) + SEGMENT_WIDTH
    rows = (
        Station.objects.visible_to(user)
        .filter(org_path__gte=low, org_path__lt=high, status=Station.Status.OPEN)
        .exclude(org_path=parent.path)
        .annotate(child=Substr("org_path", 1, width))
        .values("child")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {ids_in(r["child"])[-1]: r["n"] for r in rows}


# --- The staff map --------------------------------------------------------------------------

# Above this many stations in view the map shows clusters (counts on a grid) instead of points.
MAP_POINTS = 500
# A cluster covers about 64 screen pixels: a 256-pixel tile spans 360 / 2**zoom degrees.
_CLUSTER_PIXELS = 64


@dataclass(frozen=True)
class MapPoint:
    id: int
    name: str
    latitude: float
    longitude: float
    status: str


@dataclass(frozen=True)
class MapCluster:
    latitude: float  # the mean position of its stations
    longitude: float
    count: int


@dataclass(frozen=True)
class BoundingBox:
    south: float
    west: float
    north: float
    east: float


@dataclass
class MapLayer:
    """What the staff map draws for one view: every station when there are at most MAP_POINTS,
    else clusters; the payload stays bounded whatever the scope holds."""

    total: int
    points: list[MapPoint] = field(default_factory=list)
    clusters: list[MapCluster] = field(default_factory=list)


def cluster_degrees(zoom: int | None) -> float:
    """The side of a cluster's grid square at a map zoom level (1° when the zoom is unknown)."""
    if zoom is None:
        return 1.0
    return 360.0 / 2 ** max(0, min(zoom, 20)) / 256 * _CLUSTER_PIXELS


def map_layer(
    user,
    filters: StationFilter | None = None,
    *,
    bbox: BoundingBox | None = None,
    zoom: int | None = None,
) -> MapLayer:
    """The visible stations in the box (all of the scope without one), as points or clusters.

    Reads at most MAP_POINTS + 1 positions first (no joins, no order); only a view with more
    stations than that is counted as clusters, one aggregate query grouping positions on a grid
    of the zoom's cluster size."""
    qs = stations_for_user(user, filters).select_related(None).prefetch_related(None).order_by()
    if bbox is not None:
        qs = qs.filter(
            latitude__gte=bbox.south,
            latitude__lte=bbox.north,
            longitude__gte=bbox.west,
            longitude__lte=bbox.east,
        )
    rows = list(qs.values_list("pk", "name", "latitude", "longitude", "status")[: MAP_POINTS + 1])
    if len(rows) <= MAP_POINTS:
        return MapLayer(total=len(rows), points=[MapPoint(*row) for row in rows])
    size = cluster_degrees(zoom)
    groups = (
        qs.annotate(grid_row=Floor(F("latitude") / size), grid_col=Floor(F("longitude") / size))
        .values("grid_row", "grid_col")
        .annotate(n=Count("pk"), lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    )
    clusters = [MapCluster(g["lat"], g["lon"], g["n"]) for g in groups]
    return MapLayer(total=sum(c.count for c in clusters), clusters=clusters)


# --- Statistics and export -----------------------------------------------------------------


def statistics(user, filters: StationFilter | None = None, *, year: int | None = None) -> dict:
    year = year or timezone.localdate().year
    qs = stations_for_user(user, filters).order_by()
    by_status = dict(qs.values_list("status").annotate(n=Count("pk")))
    by_kind = list(qs.values("kind__name").annotate(n=Count("pk")).order_by("-n", "kind__name"))
    by_service = list(
        qs.values("services__name")
        .exclude(services__isnull=True)
        .annotate(n=Count("pk"))
        .order_by("-n", "services__name")
    )
    by_district = list(
        qs.exclude(district="")
        .values("district")
        .annotate(n=Count("pk"))
        .order_by("-n", "district")[:30]
    )
    months = usage_by_month(user, year, filters)
    return {
        "year": year,
        "total": sum(by_status.values()),
        "by_status": [
            {"label": label, "n": by_status.get(value, 0), "value": value}
            for value, label in Station.Status.choices
        ],
        "by_kind": [{"label": r["kind__name"], "n": r["n"]} for r in by_kind],
        "by_service": [{"label": r["services__name"], "n": r["n"]} for r in by_service],
        "by_district": [{"label": r["district"], "n": r["n"]} for r in by_district],
        "usage_months": months,
        "usage_year": sum(m["n"] for m in months),
        "stars": stars_breakdown(user, year, filters),
        "not_inspected": not_inspected(user, year, filters).order_by().count(),
    }


EXPORT_HEADERS = [
    gettext_lazy("编号"),
    gettext_lazy("名称"),
    gettext_lazy("类型"),
    gettext_lazy("所属组织"),
    gettext_lazy("建设单位"),
    gettext_lazy("所在区县"),
    gettext_lazy("地址"),
    gettext_lazy("纬度（WGS-84）"),
    gettext_lazy("经度（WGS-84）"),
    gettext_lazy("服务项目"),
    gettext_lazy("开放时间"),
    gettext_lazy("联系人"),
    gettext_lazy("联系电话"),
    gettext_lazy("状态"),
    gettext_lazy("建成日期"),
]


def export_rows(qs, *, unmasked: bool = False):
    for station in qs:
        yield [
            station.code,
            station.name,
            station.kind.name,
            station.organization.name,
            station.host_unit,
            station.district,
            station.address,
            station.latitude,
            station.longitude,
            "、".join(s.name for s in station.services.all()),
            station.hours_label,
            station.contact_name,
            station.contact_phone if unmasked else mask_phone(station.contact_phone),
            station.get_status_display(),
            station.opened_date,
        ]


def get_kind(pk: int) -> StationKind:
    try:
        return StationKind.objects.get(pk=pk, is_active=True)
    except StationKind.DoesNotExist as exc:
        raise Http404(_("驿站类型不存在")) from exc


def get_services(ids) -> list[StationService]:
    found = list(StationService.objects.filter(pk__in=set(ids), is_active=True))
    if len(found) != len(set(ids)):
        raise Http404(_("服务项目不存在"))
    return found
