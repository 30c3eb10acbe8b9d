"""The shared kernel names no domain app, not even in strings (permissions, URL names) that the
import linter cannot see: apps register what core shows."""

import re
from pathlib import Path

from django.apps import apps

CORE = Path(__file__).resolve().parent.parent


def test_core_source_names_no_other_app_by_label():
    labels = [
        c.label
        for c in apps.get_app_configs()
        if c.name.startswith("gonghui.") and c.label != "core"
    ]
    alternatives = "|".join(labels)
    pattern = re.compile(rf"""["']({alternatives})[.:]""")
    offending = []
    for path in CORE.rglob("*.py"):
        if {"tests", "migrations"} & set(path.relative_to(CORE).parts):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                offending.append(f"{path.relative_to(CORE)}:{number}: {line.strip()}")
    assert offending == []
