"""Reads of the organisation tree, always through the user's scope."""

from types import SimpleNamespace

from django.db import connections, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from gonghui.core.figures import remembered
from gonghui.core.scale import SCALE_ROOT

from .models import Department, Organization, Post
from .paths import subtree_range
from .permissions import can_manage_organization


def get_organization_for_user(user, pk, *, for_write: bool = False) -> Organization:
    qs = Organization.objects.visible_to(user)
    if for_write:
        org = qs.filter(pk=pk).first()
        if org is None or not can_manage_organization(user, org):
            raise Http404(_("组织不存在或无权访问"))
        return org
    try:
        return qs.select_related("parent").get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("组织不存在或无权访问")) from exc


def tree_roots_for_user(user) -> list[Organization]:
    """The topmost organisations the user can see (their own, or the real roots for 'all')."""
    visible = Organization.objects.visible_to(user)
    scope = user.scope
    if scope.data_scope == "all":
        return list(visible.roots().order_by("sort_order", "name"))
    if scope.organization_id:
        return list(visible.filter(pk=scope.organization_id))
    return []


def children_for_user(user, parent: Organization, *, limit: int = 200):
    qs = (
        Organization.objects.visible_to(user)
        .filter(parent=parent)
        .order_by("sort_order", "name", "pk")
    )
    return list(qs[: limit + 1])


def search_organizations(user, query: str, *, limit: int = 30):
    # A substring match scans names anyway; reading the table in order beats walking the
    # path index of a whole province.
    qs = (
        Organization.objects.visible_to(user, indexed=False)
        .filter(name__contains=query)
        .order_by("depth", "path")
    )
    return list(qs[:limit])


def organizations_for_export(user, *, query: str = ""):
    """Every organisation the user can see in tree order (path order), or those whose name
    contains `query` (the tree page's search) — the organisation tree's export."""
    qs = Organization.objects.visible_to(user, indexed=not query).select_related("parent")
    if query:
        qs = qs.filter(name__contains=query)
    return qs.order_by("path")


def organizations_by_name(user, names) -> dict[str, list[Organization]]:
    """{name: the organisations of that name the user can see}, for a whole import file at
    once; a name outside the scope is simply absent, as if unknown."""
    found: dict[str, list[Organization]] = {}
    for org in Organization.objects.visible_to(user).filter(name__in=list(names)):
        found.setdefault(org.name, []).append(org)
    return found


def posts_by_name(names) -> dict[str, list[Post]]:
    return {p.name: [p] for p in Post.objects.filter(name__in=list(names))}


def departments_by_name(organizations) -> dict[tuple[int, str], Department]:
    """{(organisation id, department name): department} of the given organisations."""
    return {
        (d.organization_id, d.name): d
        for d in Department.objects.filter(organization__in=list(organizations))
    }


def subtree_counts(organization: Organization) -> dict:
    low, high = subtree_range(organization.path)
    return Organization.objects.filter(path__gte=low, path__lt=high).aggregate(
        total=Count("pk"),
        grassroots=Count("pk", filter=Q(kind=Organization.Kind.GRASSROOTS)),
    )


def departments_of(organization: Organization):
    return Department.objects.filter(organization=organization).order_by("sort_order", "name")


def ancestors_for_user(user, organization: Organization) -> list[Organization]:
    """The ancestors the user may open, from the top down (for breadcrumbs)."""
    ids = organization.ancestor_ids()
    by_id = {o.pk: o for o in Organization.objects.visible_to(user).filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def num_organizations_for_user(user) -> int:
    """The organisations in the user's scope, counted once per request."""
    return remembered(
        user, "organizations.count", lambda: _count_by_index(Organization.objects.visible_to(user))
    )


def _count_by_index(qs) -> int:
    """The count of a scope read from an index alone. A province holds nearly every row, so
    PostgreSQL would scan the whole (wide) table; an index-only scan of the path index (or the
    primary key, for a scope of everything) reads a quarter as many pages. The planner is told
    so for this one query only."""
    connection = connections[qs.db]
    if connection.vendor != "postgresql":
        return qs.count()
    with transaction.atomic(using=qs.db), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off")
        try:
            return qs.using(qs.db).count()
        finally:
            cursor.execute("RESET enable_seqscan; RESET enable_bitmapscan")


def organizations_for_user(user, *, parent_id=None, query: str = ""):
    """The organisations the user can see in tree order, optionally one parent's children or
    those whose name contains `query` (the API's list)."""
    qs = Organization.objects.visible_to(user).order_by("path")
    if parent_id is not None:
        qs = qs.filter(parent_id=parent_id)
    if query:
        qs = qs.filter(name__contains=query)
    return qs


def get_department_for_user(user, pk) -> Department:
    """A department of an organisation in the user's scope; 404 otherwise."""
    try:
        return Department.objects.visible_to(user).get(pk=pk)
    except (Department.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("部门不存在或无权访问")) from exc


def scale_landmarks() -> SimpleNamespace | None:
    """Where benchmarks look in the `gen-scale` tree: its root, its first city, that city's
    first county and that county's first grassroots union; None before the tree is built."""
    root = Organization.objects.filter(name=SCALE_ROOT).first()
    if root is None:
        return None
    city = Organization.objects.get(parent=root, name="测试1市总工会")
    county = Organization.objects.filter(parent=city).order_by("pk").first()
    grassroots = Organization.objects.filter(parent=county).order_by("pk").first()
    return SimpleNamespace(root=root, city=city, county=county, grassroots=grassroots)
