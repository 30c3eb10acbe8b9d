"""Every message a user is shown from Python code goes through gettext: a Chinese literal (or an
f-string with Chinese in it) handed straight to an exception, a flash message, a form error or a
JSON body stays Chinese in English mode, and makemessages cannot see it."""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff]")
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
}
# Calls whose arguments are shown to a user as they are.
MESSAGE_CALLS = {
    "success",
    "error",
    "info",
    "warning",
    "add_message",
    "add_error",
    "JsonResponse",
    "HttpResponseBadRequest",
    "HttpResponseForbidden",
    "HttpError",
}
# Helpers that raise with the message they are given, and names that hold a message.
MESSAGE_HELPERS = ("require", "_require", "deny", "_deny")
MESSAGE_NAMES = {"message", "msg", "detail"}
# Operator tooling, sample data and harnesses speak to developers, not to users.
SKIPPED_PARTS = {"tests", "migrations", "management"}
SKIPPED_FILES = {"demo.py", "bench.py", "generation.py", "scale.py", "testing.py", "conftest.py"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if SKIPPED_PARTS & set(rel.parts) or path.name in SKIPPED_FILES:
            continue
        yield path


def _name(func) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _raw_chinese(node) -> list[ast.AST]:
    """Chinese string literals and f-strings under `node` that no gettext call wraps."""
    found = []

    def walk(n):
        if isinstance(n, ast.Call) and _name(n.func) in GETTEXT:
            return
        if isinstance(n, ast.JoinedStr) and any(
            isinstance(v, ast.Constant) and CJK.search(str(v.value)) for v in n.values
        ):
            found.append(n)
            return
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value):
            found.append(n)
            return
        for child in ast.iter_child_nodes(n):
            walk(child)

    walk(node)
    return found


def _is_error_store(target) -> bool:
    """`errors[...] = ...`: a form or row error keyed by field."""
    return (
        isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Name)
        and "error" in target.value.id
    )


def _defaults(arguments: ast.arguments) -> dict[str, ast.AST]:
    positional = [a.arg for a in [*arguments.posonlyargs, *arguments.args]]
    found = dict(
        zip(
            positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True
        )
    )
    found |= {
        a.arg: d for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d
    }
    return found


def message_literals(tree: ast.AST) -> list[ast.AST]:
    """The Chinese literals in `tree` that reach a user as they are."""
    found = []
    for node in ast.walk(tree):
        candidates = []
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            candidates = [*node.exc.args, *(k.value for k in node.exc.keywords)]
        elif isinstance(node, ast.Call):
            name = _name(node.func)
            is_error_list = (
                name == "append"
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name | ast.Attribute)
                and "error" in (_name(node.func.value) or "")
            )
            if name in MESSAGE_CALLS or is_error_list or (name or "").startswith(MESSAGE_HELPERS):
                candidates = [*node.args, *(k.value for k in node.keywords)]
            else:
                candidates = [k.value for k in node.keywords if k.arg in MESSAGE_NAMES]
        elif isinstance(node, ast.Assign) and any(
            _is_error_store(t) or (isinstance(t, ast.Name) and t.id in MESSAGE_NAMES)
            for t in node.targets
        ):
            candidates = [node.value]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            candidates = [d for arg, d in _defaults(node.args).items() if arg in MESSAGE_NAMES]
        for candidate in candidates:
            found.extend(_raw_chinese(candidate))
    return found


def untranslated_messages(source: str) -> list[tuple[int, str]]:
    return sorted({(n.lineno, ast.unparse(n)[:60]) for n in message_literals(ast.parse(source))})


def test_the_check_sees_each_kind_of_raw_message():
    source = """
def f(x):
    raise PermissionDenied("您无权修改")
    raise ValidationFailed(f"金额“{x}”无效", errors={"a": "错"})
    messages.success(request, "已保存")
    form.add_error("name", f"名称{x}重复")
    errors["title"] = "请填写名称"
    row.errors.append("组织为空")
    _require(by, "app.perm", "您无权登记")
    message = f"{x}最多 10 个字"
    return JsonResponse({"detail": "不存在"})


def check(by, message="您无权进行此操作"):
    ValidationFailed(message=f"{by}无效")
"""
    lines = [line for line, _text in untranslated_messages(source)]
    assert lines == [3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15]


def test_the_check_accepts_gettext_and_placeholders():
    source = """
def f(x):
    raise PermissionDenied(_("您无权修改"))
    raise ValidationFailed(_("金额“%(v)s”无效") % {"v": x}, errors={"a": gettext("错")})
    messages.success(request, _("已保存：%(name)s") % {"name": x})
    errors["title"] = _("请填写名称")
    audit.record(summary=f"修改 {x}")
"""
    assert untranslated_messages(source) == []


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_user_facing_messages_go_through_gettext(path):
    found = untranslated_messages(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"{path.name}:{line}: {text}" for line, text in found)
