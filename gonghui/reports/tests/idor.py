"""The reports' routes and victim record for the IDOR matrix (api/tests/test_idor_matrix.py)."""

from gonghui.api.tests.world import MARK

BY_NAME = {"report_id": "report"}


def build(world):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from gonghui.reports.models import GeneratedReport

    report = GeneratedReport(
        organization=world.fed.henan,
        kind=GeneratedReport.Kind.SUMMARY,
        title=f"{MARK}工作总结",
        text=f"{MARK}工作总结\n\n{MARK}正文",
        figures=[[f"{MARK}活动", 1, "场"]],
        parameters={"start": "2020-01-01", "end": "2020-06-30"},
        generated_at=timezone.now(),
    )
    report.file.save("victim.docx", ContentFile(b"PK victim"), save=False)
    report.pdf.save("victim.pdf", ContentFile(b"%PDF victim"), save=False)
    report.annex.save("victim.xlsx", ContentFile(b"PK victim"), save=False)
    report.save()
    world.ids["report"] = report.pk
