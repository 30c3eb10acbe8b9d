"""Root URL map: each domain app's pages under its `url_prefix`, the REST API under /api/v1/.

There is no route to uploaded or generated files; see core.files.stored_file_response."""

from django.contrib import admin
from django.urls import include, path

from gonghui.api.router import api
from gonghui.core.health import healthz
from gonghui.core.registry import app_modules


def _app_urls():
    """Every gonghui app with a urls.py is mounted at its AppConfig.url_prefix."""
    for config, module in app_modules("urls"):
        prefix = getattr(config, "url_prefix", None)
        if prefix is not None:
            yield path(prefix, include(module))


urlpatterns = [
    # For load balancers and monitoring: no login, no session, no sensitive data.
    path("healthz", healthz, name="healthz"),
    *_app_urls(),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
# MEDIA_URL is deliberately never routed, not even under DEBUG: stored files are served only
# by views that check the user's scope (core.files.stored_file_response).
