"""Which union a new demand lands at: the union of the worker's employer (by its name among
the organisations below the receiving union), else the union of the region named in the
employer or the location, else the receiving union itself."""

from gonghui.core.chinese import to_simplified
from gonghui.organizations.models import Organization

_UNION_SUFFIXES = ("工会委员会", "联合工会", "工会")
_REGION_SUFFIXES = ("市", "区", "县", "省")
_REGION_KINDS = (
    Organization.Kind.PROVINCIAL,
    Organization.Kind.CITY,
    Organization.Kind.COUNTY,
)


def normalise_name(value: str) -> str:
    value = to_simplified(value or "")
    return "".join(value.split()).replace("（", "(").replace("）", ")")


def _employer_names(employer: str) -> list[str]:
    """The names an employer's own union goes by: "X", "X工会", "X工会委员会"."""
    base = employer
    for suffix in _UNION_SUFFIXES:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    return [base, *(base + s for s in _UNION_SUFFIXES)] if base else []


def by_employer(receiving: Organization, employer: str) -> Organization | None:
    names = _employer_names(normalise_name(employer))
    if not names:
        return None
    found = (
        Organization.objects.subtree(receiving.path)
        .filter(name__in=names, is_active=True)
        .order_by("-depth", "pk")
        .first()
    )
    return found


def _region_keys(region: str) -> list[str]:
    keys = [region]
    for suffix in _REGION_SUFFIXES:
        if region.endswith(suffix) and len(region) - len(suffix) >= 2:
            keys.append(region[: -len(suffix)])
    return keys


def by_region(receiving: Organization, *texts: str) -> Organization | None:
    """The deepest regional union below `receiving` whose region the texts name."""
    text = normalise_name(" ".join(t for t in texts if t))
    if not text:
        return None
    candidates = (
        Organization.objects.subtree(receiving.path)
        .filter(kind__in=_REGION_KINDS, is_active=True)
        .exclude(region="")
        .values_list("pk", "region", "depth")
    )
    best = None
    for pk, region, depth in candidates.iterator(chunk_size=2000):
        named = any(key in text for key in _region_keys(region))
        if named and (best is None or depth > best[1]):
            best = (pk, depth)
    return Organization.objects.get(pk=best[0]) if best else None


def responsible_union(receiving: Organization, *, employer: str, location: str) -> Organization:
    return by_employer(receiving, employer) or by_region(receiving, location, employer) or receiving
