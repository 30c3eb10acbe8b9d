"""Stored files have no public URL in any configuration; only scoped views serve them."""

import importlib
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import Resolver404, clear_url_caches, resolve


@pytest.fixture
def debug_urls(settings):
    """The URL map as it is built with DEBUG on (as in `make demo`)."""
    import config.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_media_paths_are_404_in_every_configuration(request, client, settings, debug, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    if debug:
        request.getfixturevalue("debug_urls")
    name = default_storage.save("ledger/exports/1/台账资料包_1.zip", io.BytesIO(b"PK"))
    for path in (f"{settings.MEDIA_URL}{name}", "/media/ledger/exports/1/", "/media/x"):
        with pytest.raises(Resolver404):
            resolve(path)
        assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_stored_file_response_is_private_and_never_rendered(settings, tmp_path):
    from django.core.files.base import ContentFile

    from gonghui.core.files import stored_file_response

    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("ingest/page.html", ContentFile(b"<script>alert(1)</script>"))
    response = stored_file_response(name, download_name="页面.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")
    response.close()
