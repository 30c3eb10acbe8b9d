"""The notice clock: every few minutes, notices whose time has come are put up or taken down."""

from django_tasks import task

from gonghui.core.scheduling import periodic

from . import services


@periodic("*/5 * * * *")
@task()
def run_notice_clock() -> list[int]:
    posted, closed = services.run_clock()
    return [posted, closed]
