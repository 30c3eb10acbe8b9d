"""Who may collect, vet, handle and unmask wishes."""

from gonghui.core import privacy

COLLECT = "wishes.add_wish"
VET = "wishes.vet_wish"
HANDLE = "wishes.change_wish"
SENSITIVE = "wishes.view_wish_sensitive"
# Staff who deliver a wish must be able to call its claimant; so may those who see everything.
CLAIMANT_CONTACT = (HANDLE, SENSITIVE)


def can_view_sensitive(user) -> bool:
    return privacy.can_view_sensitive(user, SENSITIVE)


def can_contact_claimant(user) -> bool:
    return privacy.can_view_sensitive(user, CLAIMANT_CONTACT)


def verbs_for(user) -> set[str]:
    """The staff verbs the user's permissions allow (the wish's status narrows them further)."""
    if not user.is_authenticated:
        return set()
    verbs = set()
    if user.has_perm(VET):
        verbs |= {"vet", "publish", "withdraw"}
    if user.has_perm(HANDLE):
        verbs |= {"deliver", "thank"}
    return verbs
