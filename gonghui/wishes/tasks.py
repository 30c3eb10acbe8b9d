"""Background tasks: expire unclaimed wishes at their deadline, and an hourly sweep."""

from django_tasks import task

from gonghui.core.exceptions import InvalidTransition
from gonghui.core.scheduling import periodic

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


# The sweep catches wishes whose own deferred task was lost (queue pruned, expiry date edited).
@periodic("15 * * * *")
@task()
def expire_overdue_wishes() -> int:
    return services.expire_overdue_wishes()
