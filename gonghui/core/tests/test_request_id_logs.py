"""Request ids: assigned or taken from the proxy, returned in X-Request-ID, repeated by every
log line written while serving the request; JSON log lines with GONGHUI_LOG_JSON."""

import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from gonghui.core.logs import JsonFormatter, RequestIdFilter, RequestIdMiddleware

logger = logging.getLogger("gonghui.tests.request_id")


class Captured(logging.Handler):
    """A handler configured like the console one: the request-id filter, then a formatter."""

    def __init__(self, formatter=None):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.setFormatter(formatter or logging.Formatter("[%(request_id)s] %(message)s"))
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def captured():
    def attach(formatter=None, name=""):
        handler = Captured(formatter)
        target = logging.getLogger(name)
        target.addHandler(handler)
        previous = target.level
        target.setLevel(logging.INFO)
        handlers.append((target, handler, previous))
        return handler

    handlers = []
    yield attach
    for target, handler, previous in handlers:
        target.removeHandler(handler)
        target.setLevel(previous)


def view(request):
    logger.info("serving %s", request.path)
    return HttpResponse("ok")


def serve(path="/people/", **headers):
    request = RequestFactory().get(path, headers=headers)
    return request, RequestIdMiddleware(view)(request)


def test_each_request_gets_an_id_that_its_log_lines_and_response_carry(captured):
    handler = captured(name="gonghui.tests")
    request, response = serve()
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and request.request_id == request_id
    assert handler.lines == [f"[{request_id}] serving /people/"]
    _, other = serve()
    assert other["X-Request-ID"] != request_id


def test_the_proxy_id_is_kept_and_a_malformed_one_replaced(captured):
    handler = captured(name="gonghui.tests")
    _, response = serve(X_Request_ID="0f1e2d3c4b5a69788796a5b4c3d2e1f0")
    assert response["X-Request-ID"] == "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    _, response = serve(X_Request_ID='x" injected="1\nfake line')
    assert response["X-Request-ID"] != 'x" injected="1\nfake line'
    assert len(response["X-Request-ID"]) == 32
    assert "injected" not in "".join(handler.lines)


@pytest.mark.django_db
def test_django_error_responses_logged_after_the_middleware_carry_the_id(client, captured):
    handler = captured(name="django.request")
    response = client.get("/no-such-page/", headers={"X-Request-ID": "abc-404"})
    assert response.status_code == 404
    assert handler.lines == ["[abc-404] Not Found: /no-such-page/"]


def test_lines_outside_a_request_say_so(captured):
    handler = captured(name="gonghui.tests")
    logger.info("from the worker")
    assert handler.lines == ["[-] from the worker"]


def test_json_lines_carry_the_request_id_and_the_exception(captured):
    handler = captured(JsonFormatter(), name="gonghui.tests")
    _, response = serve()
    line = json.loads(handler.lines[0])
    assert line["request_id"] == response["X-Request-ID"]
    assert line["message"] == "serving /people/"
    assert line["level"] == "INFO" and line["logger"] == "gonghui.tests.request_id"
    try:
        raise ValueError("坏了")
    except ValueError:
        logger.exception("失败", extra={"task_id": 7, "request": RequestFactory().get("/?q=1")})
    line = json.loads(handler.lines[-1])
    assert line["message"] == "失败" and line["task_id"] == 7
    assert "ValueError: 坏了" in line["exception"]
    # Objects (a request, whose text holds the query string) are left out.
    assert "request" not in line


def test_with_json_logs_each_request_is_logged_once_without_its_query(captured, settings):
    settings.GONGHUI_LOG_JSON = True
    handler = captured(JsonFormatter(), name="gonghui.requests")
    _, response = serve("/people/?q=13800138000")
    (line,) = [json.loads(text) for text in handler.lines]
    assert line["request_id"] == response["X-Request-ID"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/people/", 200)
    assert isinstance(line["duration_ms"], float)
    assert "13800138000" not in handler.lines[0]


def test_without_json_logs_requests_are_left_to_gunicorn_access_log(captured, settings):
    settings.GONGHUI_LOG_JSON = False
    handler = captured(name="gonghui.requests")
    serve()
    assert handler.lines == []


@pytest.mark.django_db
def test_the_site_answers_with_the_request_id(client):
    response = client.get("/accounts/login/", headers={"X-Request-ID": "abc-123"})
    assert response["X-Request-ID"] == "abc-123"


def test_the_console_handler_is_configured_with_the_filter_and_the_chosen_format():
    from django.conf import settings

    console = settings.LOGGING["handlers"]["console"]
    assert console["filters"] == ["request_id"]
    assert console["formatter"] == ("json" if settings.GONGHUI_LOG_JSON else "plain")
    assert settings.MIDDLEWARE[0] == "gonghui.core.logs.RequestIdMiddleware"
