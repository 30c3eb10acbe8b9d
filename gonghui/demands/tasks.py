"""The nightly sweep: 催办 reminders before the limits, 督办 escalation at them."""

from django_tasks import task

from gonghui.core.scheduling import periodic

from . import services


@periodic("30 1 * * *")
@task()
def sweep_overdue_demands() -> dict:
    return services.sweep_overdue()
