"""Root URL map: pages per app, the public portal and the REST API under /api/v1/."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

from gonghui.api.router import api

urlpatterns = [
    path("", include("gonghui.core.urls")),
    path("accounts/", include("gonghui.accounts.urls")),
    path("orgs/", include("gonghui.organizations.urls")),
    path("people/", include("gonghui.people.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
