"""Background tasks: fold the responses not yet counted into the exact counters, when the
submissions ask for it (every `fold_every` responses) and every minute as a sweep (the last
answers before a quiet spell, a queue entry lost)."""

from django_tasks import task

from gonghui.core.scheduling import periodic

from . import services


@task()
def fold_survey_counts(survey_id: int) -> int:
    return services.fold_counts(survey_id=survey_id)


@periodic("* * * * *")
@task()
def fold_pending_counts() -> int:
    return services.fold_all_pending()


@periodic("*/10 * * * *")
@task()
def publish_due_results() -> int:
    """Results whose publication date has come go out as a public notice."""
    return services.publish_due_results()
