"""Every request has a total size cap, refused from its Content-Length with 413 in Chinese."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.activities.models import ActivityPhoto


def _declared_too_large():
    return {"CONTENT_LENGTH": str(settings.GONGHUI_MAX_REQUEST_BYTES + 1)}


def test_cap_covers_one_full_size_file_and_form_fields_are_bounded():
    assert settings.GONGHUI_MAX_REQUEST_BYTES > settings.GONGHUI_MAX_UPLOAD_BYTES
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert "gonghui.core.request_limits.RequestSizeLimitMiddleware" in settings.MIDDLEWARE[:3]


@pytest.mark.django_db
def test_oversized_page_post_is_413_before_login_or_csrf(client):
    response = client.post("/accounts/login/", {"username": "x"}, **_declared_too_large())
    assert response.status_code == 413
    body = response.content.decode()
    assert "提交的内容过大" in body and f"{settings.GONGHUI_MAX_REQUEST_BYTES // 2**20} MB" in body


@pytest.mark.django_db
def test_oversized_api_request_is_413_json(client):
    response = client.post(
        "/api/v1/activities/", b"{}", content_type="application/json", **_declared_too_large()
    )
    assert response.status_code == 413
    assert "提交的内容过大" in response.json()["detail"]


def test_small_cap_refuses_a_real_upload_and_stores_nothing(fed, client_for, settings):
    from gonghui.activities.tests.factories import make_activity
    from gonghui.campaigns.tests.factories import png_bytes

    activity = make_activity(fed.grassroots_admin, organization=fed.grassroots)
    settings.GONGHUI_MAX_REQUEST_BYTES = 4096
    photo = SimpleUploadedFile("a.png", png_bytes(1) + b"\0" * 8192, content_type="image/png")
    response = client_for(fed.grassroots_admin).post(
        f"/activities/{activity.pk}/photos/", {"photos": photo}
    )
    assert response.status_code == 413
    assert not ActivityPhoto.objects.exists()


@pytest.mark.django_db
def test_normal_requests_pass(client):
    assert client.get("/accounts/login/").status_code == 200
