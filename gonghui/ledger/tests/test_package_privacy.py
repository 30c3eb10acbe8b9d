"""The inspector package: an unguessable stored name, served only through the scoped view."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.campaigns.tests.factories import assign_basic_work, pdf_bytes
from gonghui.ledger import services
from gonghui.ledger.models import LedgerExport

pytestmark = pytest.mark.django_db


def _package(fed, campaign) -> LedgerExport:
    item = services.ensure_item(
        assignment=assign_basic_work(fed, campaign, "01.01"), by=fed.liaison
    )
    services.add_file(by=fed.liaison, item=item, upload=SimpleUploadedFile("计划.pdf", pdf_bytes()))
    export = services.request_export(by=fed.province_admin, campaign=campaign)
    export.refresh_from_db()
    if export.state != LedgerExport.State.DONE:
        services.build_export(export_id=export.pk)
        export.refresh_from_db()
    assert export.state == LedgerExport.State.DONE
    return export


def test_package_is_stored_under_an_unguessable_name(fed, campaign):
    export = _package(fed, campaign)
    stored = export.file.name.rsplit("/", 1)[-1]
    assert re.fullmatch(r"[0-9a-f]{32}\.zip", stored), export.file.name


def test_package_download_checks_scope(fed, campaign, client, client_for):
    export = _package(fed, campaign)
    url = f"/ledger/exports/download/{export.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    response = client_for(fed.province_admin).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == b"PK"
    for user in (fed.outsider, fed.liaison):
        assert client_for(user).get(url).status_code == 404
