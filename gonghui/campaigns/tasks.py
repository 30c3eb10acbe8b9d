"""Background tasks of campaigns: deadline reminders."""

from django_tasks import task


@task()
def send_deadline_reminders() -> int:
    from .services import send_deadline_reminders as send

    return send()
