"""Writing and reading the audit log."""

from django.db import models

from .middleware import current_request_context
from .models import AuditEntry

Action = AuditEntry.Action


def record(
    *,
    by,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
    details: dict | None = None,
    org_path: str | None = None,
) -> AuditEntry:
    """Append one audit entry; the IP comes from the current request when there is one."""
    ctx = current_request_context()
    actor = by if getattr(by, "is_authenticated", False) else None
    if org_path is None and target is not None:
        org_path = getattr(target, "org_path", None) or getattr(target, "path", "") or ""
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=getattr(actor, "username", "") if actor else "",
        ip_address=ctx.ip_address if ctx else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        org_path=org_path or "",
        summary=summary[:500],
        details=details or {},
    )
