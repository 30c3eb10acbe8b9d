"""The interactive API docs page, served from the vendored Swagger UI (works offline, no CDN)."""

from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed


class LocalSwagger(Swagger):
    """Ninja's Swagger page with the assets pinned under static/vendor/."""

    template = "api/docs.html"
    # The default validator badge would load an image from an outside service.
    default_settings = {**Swagger.default_settings, "validatorUrl": None}

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": self.settings,
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)
