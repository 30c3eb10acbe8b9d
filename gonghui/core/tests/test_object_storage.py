"""Files in S3-compatible object storage (GONGHUI_STORAGE=s3), against a real S3 server on
loopback (moto's server mode): uploads land in the bucket and not on the disk, downloads stay
permission-checked (streamed, or redirected to a URL signed for a short time), and the health
check sees the bucket."""

import json
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.activities import services as activity_services
from gonghui.activities.tests.factories import make_activity
from gonghui.campaigns.tests.factories import png_bytes
from gonghui.testing import moto_s3_server, use_s3_bucket

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def s3_server():
    server, endpoint = moto_s3_server()
    yield endpoint
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, tmp_path):
    return use_s3_bucket(settings, tmp_path, s3_server)


def _objects(client, name) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])]


def _photo(fed):
    activity = make_activity(fed.province_admin, organization=fed.grassroots)
    upload = SimpleUploadedFile("现场.png", png_bytes(7), content_type="image/png")
    (photo,) = activity_services.add_photos(
        by=fed.province_admin, activity=activity, uploads=[upload]
    )
    url = reverse("activities:photo", args=[activity.pk, photo.pk])
    return photo, url


def test_an_uploaded_photo_is_stored_in_the_bucket_not_on_disk(fed, bucket, tmp_path):
    client, name = bucket
    photo, _url = _photo(fed)
    assert photo.file.name in _objects(client, name)
    body = client.get_object(Bucket=name, Key=photo.file.name)["Body"].read()
    assert body == png_bytes(7)
    assert list(tmp_path.rglob("*")) == []


def test_download_is_streamed_after_the_scope_check(fed, bucket, client_for):
    _photo_row, url = _photo(fed)
    response = client_for(fed.province_admin).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes(7)
    assert response["Cache-Control"].startswith("private")
    # Outside the scope: no file, no URL.
    assert client_for(fed.outsider).get(url).status_code == 404


def test_signed_download_redirects_to_a_short_lived_url_that_serves_the_object(
    fed, bucket, client_for, settings
):
    settings.GONGHUI_S3_SIGNED_DOWNLOADS = True
    _photo_row, url = _photo(fed)
    response = client_for(fed.province_admin).get(url)
    assert response.status_code == 302
    signed = response["Location"]
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=60" in signed
    assert response["Cache-Control"] == "private, no-store"
    with urllib.request.urlopen(signed) as fetched:
        assert fetched.read() == png_bytes(7)
        assert fetched.headers["Content-Type"] == "image/png"
    # The outsider gets no signed URL at all.
    refused = client_for(fed.outsider).get(url)
    assert refused.status_code == 404 and "Location" not in refused


def test_health_check_writes_reads_and_deletes_a_probe_in_the_bucket(bucket, client):
    s3, name = bucket
    response = client.get("/healthz?check=storage")
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["checks"]["storage"]["ok"] is True
    assert _objects(s3, name) == []
