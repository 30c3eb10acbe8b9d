"""Background tasks: expire unclaimed wishes at their deadline, and a sweep for cron."""

from django_tasks import task

from gonghui.core.exceptions import InvalidTransition

from . import services
from .models import Wish


@task()
def expire_wish(wish_id: int) -> bool:
    wish = Wish.objects.filter(pk=wish_id).first()
    if wish is None:
        return False
    try:
        services.expire_wish(wish=wish)
    except InvalidTransition:
        return False  # claimed, withdrawn or re-dated meanwhile
    return True


@task()
def expire_overdue_wishes() -> int:
    return services.expire_overdue_wishes()
