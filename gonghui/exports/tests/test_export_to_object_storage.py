"""A background export written to S3-compatible storage (moto's server on loopback): the file
lands in the bucket, not on the disk, and its owner downloads it through the checked view."""

import pytest

from gonghui.exports.models import SpreadsheetExport
from gonghui.exports.testing import sheet_rows
from gonghui.testing import make_person, moto_s3_server, use_s3_bucket

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def bucket(settings, tmp_path):
    server, endpoint = moto_s3_server()
    yield use_s3_bucket(settings, tmp_path, endpoint)
    server.stop()


def test_a_background_export_is_stored_in_the_bucket(
    fed, client_for, settings, tmp_path, bucket, django_capture_on_commit_callbacks
):
    client, name = bucket
    settings.GONGHUI_EXPORT_INLINE_ROWS = 1
    for i in range(3):
        make_person(fed.grassroots, name=f"职工{i}")
    browser = client_for(fed.province_admin)
    with django_capture_on_commit_callbacks(execute=True):
        browser.get("/people/export/")
    job = SpreadsheetExport.objects.get()
    assert job.state == "done" and job.num_rows == 3
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=name)["Contents"]]
    assert keys == [job.file.name] and keys[0].startswith("exports/")
    assert not any(tmp_path.iterdir())
    rows = sheet_rows(browser.get(f"/exports/{job.pk}/download/"))
    assert sorted(r[0] for r in rows[1:]) == ["职工0", "职工1", "职工2"]
