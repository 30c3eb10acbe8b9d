"""The NinjaAPI at /api/v1/: every app's router mounted here, domain errors mapped to JSON, and
every status code an operation can answer written into the OpenAPI."""

import functools

from django.http import Http404
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError

from gonghui.core.exceptions import DomainError, ValidationFailed
from gonghui.core.registry import app_modules
from gonghui.core.textinput import SimplifiedInputParser

from .auth import AUTH, has_credentials
from .docs import LocalSwagger

UNAUTHENTICATED = gettext_lazy("未登录或令牌无效")


class GonghuiAPI(NinjaAPI):
    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = _unauthenticated_is_401(pattern.callback)
        return urls


def _unauthenticated_is_401(view):
    """A write without credentials is told to sign in (401), whatever the path accepts: a 405
    would tell an anonymous caller which methods exist before it has proved who it is."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not has_credentials(request):
            return api.create_response(request, {"detail": str(UNAUTHENTICATED)}, status=401)
        return response

    wrapped.csrf_exempt = True
    return wrapped


api = GonghuiAPI(
    title="工会文明创建工作平台 API",
    version="1.0.0",
    description="组织、人员、文明创建、工会服务的 REST 接口。认证：会话（浏览器）或 Bearer 令牌。",
    auth=AUTH,
    urls_namespace="api-1.0.0",
    docs=LocalSwagger(),
    parser=SimplifiedInputParser(),
)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    body = {"detail": exc.message, "code": exc.code}
    if exc.field:
        body["field"] = exc.field
    if isinstance(exc, ValidationFailed) and exc.errors:
        body["errors"] = exc.errors
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(request, {"detail": str(UNAUTHENTICATED)}, status=401)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("不存在或无权访问")}, status=404)


def _mount():
    """Each installed gonghui app with an api.py `router` is mounted at AppConfig.api_prefix."""
    for config, module in app_modules("api"):
        prefix = getattr(config, "api_prefix", None)
        if prefix:
            api.add_router(prefix, module.router, tags=[str(getattr(config, "api_tag", prefix))])


class ErrorOut(Schema):
    """Every refusal: a Chinese message, the error's code, and the field or fields at fault."""

    detail: str
    code: str | None = None
    field: str | None = None
    errors: dict | list | None = None


class InvalidInputOut(Schema):
    """The request did not match the schema (Ninja's validation errors, one per location)."""

    detail: list[dict]


def _document_errors():
    """Add to every operation the answers the shared machinery gives, so the OpenAPI is
    truthful: 401 without credentials, 422 for input outside the schema, 404 for an id outside
    the caller's scope, 400/403 for domain errors (DomainError and its subclasses)."""
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                has_input = bool(operation.models)
                codes = {}
                if operation.auth_callbacks:
                    codes[401] = ErrorOut
                if has_input:
                    codes.update({400: ErrorOut, 404: ErrorOut, 422: InvalidInputOut})
                if operation.auth_callbacks and has_input:
                    codes[403] = ErrorOut
                if {"PUT", "PATCH"} & set(operation.methods):
                    codes[409] = ErrorOut  # a stale version (core.concurrency.EditConflict)
                for code, model in codes.items():
                    if code not in operation.response_models:
                        operation.response_models[code] = operation._create_response_model(model)


_mount()
_document_errors()
