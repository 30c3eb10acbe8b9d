"""Who may edit, submit and review ledger entries and monthly reports."""

from gonghui.campaigns.models import Assignment
from gonghui.organizations.models import Organization

from .models import EvidenceItem

EDIT = "ledger.change_evidenceitem"
REVIEW = "ledger.review_evidenceitem"
REPORT = "ledger.add_monthlyreport"
REVIEW_REPORT = "ledger.review_monthlyreport"


def _visible(user, model, pk) -> bool:
    return model.objects.visible_to(user).filter(pk=pk).exists()


def can_edit_item(user, item) -> bool:
    return (
        user.is_authenticated
        and user.has_perm(EDIT)
        and (user.is_superuser or _visible(user, EvidenceItem, item.pk))
    )


def can_review_item(user, item) -> bool:
    return (
        user.is_authenticated
        and user.has_perm(REVIEW)
        and (user.is_superuser or _visible(user, EvidenceItem, item.pk))
    )


def can_edit_assignment(user, assignment) -> bool:
    return (
        user.is_authenticated
        and user.has_perm(EDIT)
        and (user.is_superuser or _visible(user, Assignment, assignment.pk))
    )


def can_report_for(user, organization, department) -> bool:
    """A unit's monthly report: its liaison (same department) or an admin above it."""
    if not user.is_authenticated or not user.has_perm(REPORT):
        return False
    if user.is_superuser:
        return True
    if user.scope.data_scope == "department":
        return department is not None and department.pk == user.department_id
    return Organization.objects.visible_to(user).filter(pk=organization.pk).exists()


def can_review_reports(user) -> bool:
    return user.is_authenticated and user.has_perm(REVIEW_REPORT)
