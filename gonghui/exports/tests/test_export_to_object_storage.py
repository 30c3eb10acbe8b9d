"""A background export written to S3-compatible storage (moto's server on loopback): the file
lands in the bucket, not on the disk, and its owner downloads it through the checked view."""

import uuid

import boto3
import pytest
from moto.server import ThreadedMotoServer

from gonghui.exports.models import SpreadsheetExport
from gonghui.exports.testing import sheet_rows
from gonghui.testing import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

KEY, SECRET, REGION = "gonghui-test", "gonghui-test-secret", "cn-north-1"


@pytest.fixture
def bucket(settings, tmp_path):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    name = f"gonghui-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        region_name=REGION,
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.MEDIA_ROOT = tmp_path  # must stay empty
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": endpoint,
                "region_name": REGION,
                "access_key": KEY,
                "secret_key": SECRET,
                "addressing_style": "path",
                "signature_version": "s3v4",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    settings.GONGHUI_S3_SIGNED_DOWNLOADS = False
    yield client, name
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
