"""A deployment collects the static files into hashed names (DEBUG off): every vendored asset
must resolve what it references, or `collectstatic` aborts and `gonghui serve` refuses to start."""

import pytest
from django.core.management import call_command


@pytest.mark.slow
def test_collectstatic_with_hashed_names_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
