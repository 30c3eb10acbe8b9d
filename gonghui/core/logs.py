"""Request ids and structured logs: every request carries an id (X-Request-ID, taken from the
proxy or made here) that each log line written while serving it repeats; with
GONGHUI_LOG_JSON=1 log lines are JSON objects, one per line, and each request is logged once."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.conf import settings

HEADER = "X-Request-ID"
# What a proxy may hand us (nginx's $request_id is 32 hex digits); anything else, which could
# smuggle text into the logs, is replaced by an id of our own.
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
_request_id: ContextVar[str | None] = ContextVar("gonghui_request_id", default=None)
access_logger = logging.getLogger("gonghui.requests")


def current_request_id() -> str | None:
    return _request_id.get()


def _incoming_id(request) -> str | None:
    value = request.META.get("HTTP_X_REQUEST_ID", "")
    return value if _WELL_FORMED.match(value) else None


class RequestIdMiddleware:
    """First in the chain: assigns the request id, returns it in X-Request-ID and, with JSON
    logs, writes one access line per request (the path without its query, which may hold
    search terms such as phone digits)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming_id(request) or uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            if settings.GONGHUI_LOG_JSON:
                duration_ms = round((time.monotonic() - started) * 1000, 1)
                access_logger.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": duration_ms,
                    },
                )
            return response
        finally:
            _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            # Django logs error responses (django.request) after the middleware has returned,
            # with the request attached to the record.
            request = getattr(record, "request", None)
            record.request_id = current_request_id() or getattr(request, "request_id", None) or "-"
        return True


_STANDARD_ATTRS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, the exception if
    any, and the plain values passed as `extra` (objects such as a request are left out: their
    text may carry query strings)."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id(),
        }
        for key, value in record.__dict__.items():
            plain = value is None or isinstance(value, str | int | float | bool)
            if plain and key not in _STANDARD_ATTRS and key not in payload:
                payload[key] = value
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            payload["stack"] = self.formatStack(record.stack_info)
        return json.dumps(payload, ensure_ascii=False)
