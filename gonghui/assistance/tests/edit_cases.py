"""The stale-edit case of the archive edit page (see core/tests/test_edit_conflicts.py)."""

from django.urls import reverse


def _archive(fed):
    from gonghui.assistance.models import Archive

    from .factories import make_archive

    archive = make_archive(fed.grassroots_admin, fed.grassroots)
    return (
        fed.grassroots_admin,
        reverse("assistance:archive_edit", args=[archive.pk]),
        "worker_name",
        (lambda: Archive.objects.get(pk=archive.pk).worker_name),
    )


CASES = {"assistance:archive_edit": _archive}
