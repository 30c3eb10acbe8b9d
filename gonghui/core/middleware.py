"""Keeps the current request's user and IP in a context variable so the audit log can read them."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None
    user_agent: str


_current: ContextVar[RequestContext | None] = ContextVar("gonghui_request", default=None)


def current_request_context() -> RequestContext | None:
    return _current.get()


def client_ip(request) -> str | None:
    # REMOTE_ADDR is the trustworthy value; a reverse proxy in front must set it correctly.
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(
            RequestContext(
                ip_address=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
            )
        )
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
