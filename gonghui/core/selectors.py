"""Reads for the home page and the audit log."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from gonghui.organizations.paths import subtree_range

from .models import AuditEntry

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


def home_summary(user) -> dict:
    from gonghui.organizations.models import Organization
    from gonghui.people.models import Person

    orgs = Organization.objects.visible_to(user)
    people = Person.objects.visible_to(user)
    return {
        "num_organizations": orgs.count(),
        "num_people": people.count(),
        "num_volunteers": people.filter(is_volunteer=True).count(),
        "num_model_workers": people.exclude(model_worker_level="").count(),
    }
