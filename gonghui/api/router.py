"""The NinjaAPI at /api/v1/: every app's router mounted here, domain errors mapped to JSON."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from gonghui.core.exceptions import DomainError, ValidationFailed
from gonghui.core.textinput import SimplifiedInputParser

from .auth import AUTH
from .docs import LocalSwagger

api = NinjaAPI(
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
    return api.create_response(request, {"detail": "未登录或令牌无效"}, status=401)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "不存在或无权访问"}, status=404)


def _mount():
    """Each installed gonghui app with an api.py `router` is mounted at AppConfig.api_prefix."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        prefix = getattr(config, "api_prefix", None)
        if prefix and find_spec(f"{config.name}.api") is not None:
            module = import_module(f"{config.name}.api")
            api.add_router(prefix, module.router, tags=[str(getattr(config, "api_tag", prefix))])


_mount()
