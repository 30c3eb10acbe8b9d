"""Pages and API handlers query nothing themselves: every read goes through the app's selectors
and every write through its services. Each `views.py` and `api.py` (or such a package) is read as
source, so a query written into one fails here whether or not a test reaches that line."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # gonghui/

# Managers and QuerySet methods that only a query uses.
ORM_ATTRIBUTES = {
    "objects",
    "_default_manager",
    "_base_manager",
    "select_related",
    "prefetch_related",
    "filter",
    "exclude",
    "annotate",
    "aggregate",
    "values_list",
    "order_by",
    "select_for_update",
    "extra",
    "raw",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
ORM_CALLS = {"get_object_or_404", "get_list_or_404"}

# (file relative to gonghui/, what it uses) → why it cannot go through a service or selector.
ALLOWED = {
    ("portal/api.py", "import django.db"): (
        "A claim whose honeypot field is filled runs the very same service call and answer, "
        "then is rolled back, so a bot cannot tell from the response that nothing was saved."
    ),
}


def interface_modules() -> list[Path]:
    found = set()
    for pattern in ("*/views.py", "*/api.py", "*/views/*.py", "*/api/*.py"):
        found.update(PACKAGE.glob(pattern))
    # gonghui/api/ is the API's wiring (authentication, routing), not an app's handlers.
    return sorted(p for p in found if p.parent != PACKAGE / "api")


def queries_in(source: str) -> list[tuple[int, str]]:
    """(line, what) for each use of the ORM in a module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ORM_ATTRIBUTES:
            found.append((node.lineno, f".{node.attr}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ORM_CALLS
        ):
            found.append((node.lineno, f"{node.func.id}()"))
        elif isinstance(node, ast.ImportFrom | ast.Import):
            modules = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
            )
            for module in modules:
                if module == "django.db" or module.startswith("django.db."):
                    found.append((node.lineno, f"import {module}"))
    return found


def test_the_scan_finds_each_kind_of_query():
    source = (
        "from django.db.models import Q\n"
        "from django.shortcuts import get_object_or_404\n"
        "def view(request, pk):\n"
        "    a = Thing.objects.get(pk=pk)\n"
        "    b = request.user.things.filter(q=1).order_by('pk')\n"
        "    return get_object_or_404(Thing, pk=pk)\n"
    )
    assert sorted(queries_in(source)) == [
        (1, "import django.db.models"),
        (4, ".objects"),
        (5, ".filter"),
        (5, ".order_by"),
        (6, "get_object_or_404()"),
    ]
    assert queries_in("def view(request):\n    return request.GET.get('q')\n") == []


def test_there_are_interface_modules_to_scan():
    names = {str(p.relative_to(PACKAGE)) for p in interface_modules()}
    assert {"campaigns/views.py", "campaigns/api.py", "ledger/views.py", "ledger/api.py"} <= names


@pytest.mark.parametrize("module", interface_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_views_and_api_handlers_make_no_queries(module):
    name = str(module.relative_to(PACKAGE))
    found = [
        f"{name}:{line}: {what}"
        for line, what in queries_in(module.read_text(encoding="utf-8"))
        if (name, what) not in ALLOWED
    ]
    assert not found, (
        "Move these reads into the app's selectors.py and writes into its services.py:\n"
        + "\n".join(found)
    )


def test_every_allowance_is_still_needed():
    """An allowance whose use is gone is removed, so the list stays the list of exceptions."""
    for (name, what), _reason in ALLOWED.items():
        uses = [w for _line, w in queries_in((PACKAGE / name).read_text(encoding="utf-8"))]
        assert what in uses, f"{name} no longer uses {what}; drop its allowance"
