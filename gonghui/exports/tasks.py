"""Background task of list exports."""

from django_tasks import task

from .services import build_export


@task()
def build_spreadsheet_export(export_id: int) -> int:
    return build_export(export_id=export_id).num_rows
