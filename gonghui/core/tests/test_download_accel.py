"""Permission-checked downloads: streamed by the site, or handed to nginx with X-Accel-Redirect
when GONGHUI_ACCEL_REDIRECT_PREFIX is set (docs/deploy.md)."""

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.http import FileResponse, Http404

from gonghui.core import files
from gonghui.core.files import stored_file_response

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return default_storage.save("ledger/2025/报告 一.pdf", ContentFile(PDF))


def _common_headers(response, disposition="attachment"):
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(f"{disposition}; filename*=UTF-8''")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("private")


def test_without_the_prefix_the_site_streams_the_file(stored, settings):
    settings.GONGHUI_ACCEL_REDIRECT_PREFIX = ""
    response = stored_file_response(stored, download_name="说明报告.pdf")
    assert isinstance(response, FileResponse)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PDF
    _common_headers(response)


def test_with_the_prefix_nginx_sends_the_file_and_the_site_only_the_headers(stored, settings):
    settings.GONGHUI_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    response = stored_file_response(stored, download_name="说明报告.pdf", inline=True)
    assert not response.streaming
    assert response.content == b""
    # The stored name, percent-encoded, under nginx's internal location.
    assert response["X-Accel-Redirect"] == (
        "/protected-media/ledger/2025/%E6%8A%A5%E5%91%8A%20%E4%B8%80.pdf"
    )
    assert response["X-Accel-Redirect"].removeprefix("/protected-media/") == (
        files.quote_path(stored)
    )
    _common_headers(response, disposition="inline")


def test_a_missing_file_is_404_in_both_modes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for prefix in ("", "/protected-media"):
        settings.GONGHUI_ACCEL_REDIRECT_PREFIX = prefix
        with pytest.raises(Http404):
            stored_file_response("ledger/gone.pdf", download_name="x.pdf")


def test_a_name_outside_the_media_directory_is_never_handed_to_nginx(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "secret.pdf").write_bytes(PDF)
    settings.GONGHUI_ACCEL_REDIRECT_PREFIX = "/protected-media"
    with pytest.raises(SuspiciousFileOperation):
        stored_file_response("../secret.pdf", download_name="x.pdf")


def test_storage_nginx_cannot_read_is_streamed_whatever_the_setting(settings, monkeypatch):
    settings.GONGHUI_ACCEL_REDIRECT_PREFIX = "/protected-media"
    memory = InMemoryStorage()
    name = memory.save("exports/a.pdf", ContentFile(PDF))
    monkeypatch.setattr("django.core.files.storage.default_storage._wrapped", memory)
    response = stored_file_response(name, download_name="a.pdf")
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PDF
