"""A cap on the size of any one request, checked before anything reads the body."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def too_large_message() -> str:
    limit_mb = settings.GONGHUI_MAX_REQUEST_BYTES // (1024 * 1024)
    return _("提交的内容过大（一次最多 %(mb)s MB），请减少或分批上传文件后重试") % {"mb": limit_mb}


class RequestSizeLimitMiddleware:
    """Refuse with 413 any request whose declared body is over GONGHUI_MAX_REQUEST_BYTES.

    Django's own limits cover form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) and keep large files on
    disk, but would still read and store a multi-gigabyte upload; this stops it at the header.
    A body without a Content-Length is not read by Django's WSGI handler at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.GONGHUI_MAX_REQUEST_BYTES:
            message = too_large_message()
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(
                f'<!doctype html><meta charset="utf-8"><title>413</title><p>{message}</p>',
                status=413,
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)
