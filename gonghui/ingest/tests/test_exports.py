"""The ingested documents export to Excel within the user's scope."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.exports.testing import export_of, sheet_rows, sheet_text
from gonghui.ingest import services

REPORT = "河南省总工会开展读书活动\n发布时间:2020-05-20\n参与职工1200人次。"


def test_documents_export_holds_the_documents_in_scope_only(fed, client_for):
    upload = SimpleUploadedFile("读书活动.txt", REPORT.encode(), content_type="text/plain")
    services.ingest_document(by=fed.province_admin, upload=upload, organization=fed.henan)
    client = client_for(fed.province_admin)
    assert 'href="/ingest/export/"' in client.get("/ingest/").content.decode()
    text = sheet_text(export_of(client, "/ingest/export/"))
    assert "读书活动.txt" in text and "河南省总工会" in text
    assert len(sheet_rows(export_of(client_for(fed.outsider), "/ingest/export/"))) == 1
