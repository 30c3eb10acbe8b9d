"""Background tasks of campaigns: deadline reminders, every morning."""

from django_tasks import task

from gonghui.core.scheduling import periodic


@periodic("0 7 * * *")  # 07:00 daily, before the working day
@task()
def send_deadline_reminders() -> int:
    # Cycle: services import this module to enqueue the task.
    from .services import send_deadline_reminders as send

    return send()
