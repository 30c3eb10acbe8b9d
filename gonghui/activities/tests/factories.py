"""Building activities in tests through the service, so roll-ups stay in step."""

import datetime as dt

from gonghui.activities import services
from gonghui.activities.models import ActivityType


def activity_type(code: str) -> ActivityType:
    return ActivityType.objects.get(code=code)


def make_activity(by, *, organization, type_code="reading", start=dt.date(2020, 5, 10), **extra):
    data = {
        "title": extra.pop("title", "读书活动"),
        "organization": organization,
        "activity_type": activity_type(type_code),
        "start_date": start,
        **extra,
    }
    return services.create_activity(by=by, **data)
