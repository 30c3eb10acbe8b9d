"""Language choice: Simplified Chinese unless the user picked another language explicitly."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ExplicitLocaleMiddleware(LocaleMiddleware):
    """Like Django's, but ignores the browser's Accept-Language: the product speaks Chinese
    first, and English is shown only after choosing it in the language menu (cookie)."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
