"""Reads for the audit log."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q

from .models import AuditEntry
from .paths import subtree_range

AUDIT_ACTIONS = AuditEntry.Action.choices


@dataclass
class AuditFilter:
    actor: str = ""
    action: str = ""
    target_type: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @classmethod
    def from_query(cls, query) -> "AuditFilter":
        def date(name):
            try:
                return dt.date.fromisoformat(query.get(name, ""))
            except ValueError:
                return None

        return cls(
            actor=query.get("actor", "").strip(),
            action=query.get("action", ""),
            target_type=query.get("target_type", "").strip(),
            date_from=date("date_from"),
            date_to=date("date_to"),
        )


def audit_entries_for_user(user, filters: AuditFilter):
    qs = AuditEntry.objects.all()
    scope = user.scope
    if scope.data_scope != "all":
        # Entries about the user's subtree, and the user's own actions.
        low, high = subtree_range(scope.org_path)
        qs = qs.filter(Q(org_path__gte=low, org_path__lt=high) | Q(actor_id=user.pk))
    if filters.actor:
        qs = qs.filter(actor_name__startswith=filters.actor)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.target_type:
        qs = qs.filter(target_type=filters.target_type)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    return qs.order_by("-at", "-id")


def audited_types() -> list[tuple[str, str]]:
    """(model label, readable name) of every record type of the product, for the log's filter."""
    types = [
        (model._meta.label_lower, str(model._meta.verbose_name))
        for model in apps.get_models()
        if model.__module__.startswith("gonghui.") and model._meta.managed
    ]
    return sorted(types, key=lambda t: t[1])


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    type_name: str
    target_name: str
    url: str


def audit_rows(entries) -> list[AuditRow]:
    """A page of entries with readable type names, the record's current name and its page link.

    One query per record type present on the page; records since deleted keep their stored name.
    """
    entries = list(entries)
    wanted: dict[str, set[str]] = {}
    for e in entries:
        if e.target_type and e.target_id:
            wanted.setdefault(e.target_type, set()).add(e.target_id)
    found: dict[tuple[str, str], object] = {}
    models_by_label = {}
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        models_by_label[label] = model
        pk_ids = (
            [i for i in ids if i.isdigit()]
            if model._meta.pk.get_internal_type()
            in (
                "AutoField",
                "BigAutoField",
            )
            else list(ids)
        )
        for pk, obj in model._base_manager.in_bulk(pk_ids).items():
            found[(label, str(pk))] = obj
    rows = []
    for e in entries:
        model = models_by_label.get(e.target_type)
        obj = found.get((e.target_type, e.target_id))
        url = obj.get_absolute_url() if obj is not None and hasattr(obj, "get_absolute_url") else ""
        rows.append(
            AuditRow(
                entry=e,
                type_name=str(model._meta.verbose_name) if model else e.target_type,
                target_name=e.target_repr or (str(obj) if obj is not None else ""),
                url=url,
            )
        )
    return rows
