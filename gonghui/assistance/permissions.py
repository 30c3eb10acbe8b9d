"""Who may enter, review, approve, pay and unmask in the assistance app."""

from gonghui.core import privacy

VIEW = "assistance.view_archive"
ENTER = "assistance.add_archive"
EDIT = "assistance.change_archive"
REVIEW = "assistance.review_archive"
APPROVE = "assistance.approve_archive"
BATCH = "assistance.manage_batch"
RELIEF = "assistance.add_reliefrecord"
ENTERPRISE = "assistance.add_enterprise"
MODEL_WORKER = "assistance.add_modelworker"
SENSITIVE = "assistance.view_assistance_sensitive"


def can_view_sensitive(user) -> bool:
    return privacy.can_view_sensitive(user, SENSITIVE)


VERB_PERMISSIONS = {
    "submit": ENTER,
    "withdraw": ENTER,
    "review": REVIEW,
    "return": REVIEW,
    "approve": APPROVE,
    "establish": APPROVE,
    "recheck": APPROVE,
    "relocate": APPROVE,
    "exit": APPROVE,
}


def verbs_for(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return {verb for verb, perm in VERB_PERMISSIONS.items() if user.has_perm(perm)}
