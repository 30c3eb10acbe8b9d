"""The stale-edit case of the report text page (see core/tests/test_edit_conflicts.py)."""

from django.urls import reverse


def _report(fed):
    from django.utils import timezone

    from gonghui.reports.models import GeneratedReport

    report = GeneratedReport.objects.create(
        organization=fed.henan,
        kind=GeneratedReport.Kind.NEWS,
        title="河南省总工会召开5月份工作汇报会",
        text="河南省总工会召开5月份工作汇报会\n\n5月26日召开汇报会。",
        parameters={"period": "2020-05", "meeting_date": "2020-05-26"},
        generated_by=fed.province_admin,
        generated_at=timezone.now(),
    )
    return (
        fed.province_admin,
        reverse("reports:edit", args=[report.pk]),
        "text",
        (lambda: GeneratedReport.objects.get(pk=report.pk).text),
    )


CASES = {"reports:edit": _report}
