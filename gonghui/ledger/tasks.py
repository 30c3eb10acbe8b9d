"""Background tasks of the ledger: the inspector package."""

from django_tasks import task


@task()
def build_ledger_export(export_id: int) -> int:
    # Cycle: services import this module to enqueue the task.
    from .services import build_export

    return build_export(export_id=export_id).num_done
