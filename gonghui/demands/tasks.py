"""Nightly jobs: the 催办/督办 sweep, and the statistics summary recounted after an
organisation has moved."""

from django_tasks import task

from gonghui.core.scheduling import periodic

from . import services, tallies


@periodic("30 1 * * *")
@task()
def sweep_overdue_demands() -> dict:
    return services.sweep_overdue()


@periodic("10 2 * * *")
@task()
def reconcile_demand_tallies() -> int | None:
    return tallies.rebuild_after_moves()
