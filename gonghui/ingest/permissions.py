"""Who may import documents into an organisation and review the proposals drawn from them."""

from gonghui.organizations.models import Organization

from .models import IngestedDocument

ADD_PERMISSION = "ingest.add_ingesteddocument"
REVIEW_PERMISSION = "ingest.change_proposal"


def can_ingest_into(user, organization: Organization) -> bool:
    if not user.is_authenticated or not user.has_perm(ADD_PERMISSION):
        return False
    if user.is_superuser:
        return True
    return Organization.objects.visible_to(user).filter(pk=organization.pk).exists()


def can_review(user, proposal) -> bool:
    if not user.is_authenticated or not user.has_perm(REVIEW_PERMISSION):
        return False
    if user.is_superuser:
        return True

    return (
        IngestedDocument.objects.visible_to(user).filter(pk=proposal.document_id).exists()
        and Organization.objects.visible_to(user).filter(pk=proposal.organization_id).exists()
    )
