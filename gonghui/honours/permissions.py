"""Who may run rounds, nominate, review along the chain and record vetting opinions."""

MANAGE = "honours.manage_round"
NOMINATE = "honours.add_nomination"
REVIEW = "honours.review_nomination"
VIEW = "honours.view_nomination"


def acts_for(user, organization_id: int) -> bool:
    """A level of the chain is acted for by that organisation's own staff (or a superuser)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.organization_id == organization_id
