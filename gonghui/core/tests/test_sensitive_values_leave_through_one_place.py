"""A stored sensitive value leaves its mask in one place each way: a reveal through
core.privacy's audited `reveal` (or its audited exact lookups), a full-value export through the
exports service that checks the permission and writes the audit entry. No page, API handler or
other service writes those audit entries itself, so none can skip the check beside them."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]  # gonghui/

# The audit action → the only modules that may record it.
OWNERS = {
    "VIEW_SENSITIVE": {"core/privacy.py"},
    "EXPORT_SENSITIVE": {"exports/services.py"},
}


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = set(path.relative_to(PACKAGE).parts)
        if {"tests", "migrations"} & parts:
            continue
        yield str(path.relative_to(PACKAGE)), path.read_text(encoding="utf-8")


def uses_of(action: str, source: str) -> list[int]:
    """Lines that name `Action.<action>` (reading it, not defining it)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr == action
    ]


def test_the_scan_sees_an_audit_action_used_by_name():
    source = "audit.record(by=u, action=audit.Action.VIEW_SENSITIVE)\n"
    assert uses_of("VIEW_SENSITIVE", source) == [1]
    assert uses_of("VIEW_SENSITIVE", "VIEW_SENSITIVE = 'view_sensitive'\n") == []


def test_sensitive_audit_entries_are_written_only_by_their_one_service():
    found: dict[str, set[str]] = {action: set() for action in OWNERS}
    for name, source in _sources():
        for action in OWNERS:
            if uses_of(action, source):
                found[action].add(name)
    assert found == OWNERS


def test_no_module_spells_a_sensitive_audit_action_as_a_bare_string():
    values = {"view_sensitive", "export_sensitive"}
    spelled = [
        f"{name}:{node.lineno}"
        for name, source in _sources()
        if name != "core/models.py"  # where the actions (and the permission) are defined
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and node.value in values
    ]
    assert spelled == []
