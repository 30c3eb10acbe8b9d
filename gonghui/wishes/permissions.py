"""Who may collect, vet, handle and unmask wishes."""

COLLECT = "wishes.add_wish"
VET = "wishes.vet_wish"
HANDLE = "wishes.change_wish"
SENSITIVE = "wishes.view_wish_sensitive"


def can_view_sensitive(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(SENSITIVE))


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
