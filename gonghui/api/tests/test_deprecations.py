"""The project's own deprecation warnings fail the suite, and no API handler returns the
deprecated (status, body) tuple that Ninja warns about from its own module."""

import ast
import warnings
from pathlib import Path

import pytest

import gonghui

PACKAGE = Path(gonghui.__file__).parent


def test_a_deprecation_raised_from_project_code_is_an_error():
    with pytest.raises(DeprecationWarning):
        warnings.warn("old call", DeprecationWarning, stacklevel=1)


def test_ninjas_tuple_return_warning_is_an_error_wherever_it_is_raised():
    message = "Returning tuple (status_code, response) is deprecated. Use Status(...) instead."
    with pytest.raises(DeprecationWarning):
        warnings.warn_explicit(message, DeprecationWarning, "ninja/operation.py", 389, "ninja")


def tuple_returns(path: Path) -> list[str]:
    """`return 201, body` and `return (201, body)` in a module, as "file:line"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        value = node.value if isinstance(node, ast.Return) else None
        if (
            isinstance(value, ast.Tuple)
            and len(value.elts) == 2
            and isinstance(value.elts[0], ast.Constant)
            and isinstance(value.elts[0].value, int)
        ):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_no_api_handler_returns_a_status_tuple():
    modules = sorted(PACKAGE.glob("*/api.py"))
    assert len(modules) > 5
    assert [hit for path in modules for hit in tuple_returns(path)] == []
