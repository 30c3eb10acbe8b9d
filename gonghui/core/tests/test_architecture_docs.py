"""The docs name only what exists: every path and `gonghui.…` name in docs/*.md, every entry of
the architecture's directory map, every app and every import-linter contract."""

import importlib
import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOCS = sorted((ROOT / "docs").glob("*.md"))
ARCHITECTURE = ROOT / "docs" / "architecture.md"

PATH_ROOTS = ("gonghui/", "config/", "docs/", "templates/", "static/", ".ci/")
PLACEHOLDER = re.compile(r"[<>*…{}]")


def backticked(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", text)


def doc_paths(text: str) -> set[str]:
    """Backticked repository paths (`gonghui/...`, `config/...` …), placeholders left out."""
    return {
        item.rstrip("/")
        for item in backticked(text)
        if item.startswith(PATH_ROOTS) and " " not in item and not PLACEHOLDER.search(item)
    }


def dotted_names(text: str) -> set[str]:
    """Backticked Python names under the package: `gonghui.core.workflow.apply` and the like."""
    return {
        item.removesuffix("()")
        for item in backticked(text)
        if re.fullmatch(r"gonghui(\.[A-Za-z_][A-Za-z0-9_]*)+(\(\))?", item)
    }


def resolves(name: str) -> bool:
    """A module, or an attribute reached from the longest importable module prefix."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def directory_map(text: str) -> list[str]:
    """Every path of the "Directory map" block: entries at column 0 are repository paths,
    entries indented by two spaces are relative to the directory above them (several may be
    listed with commas); deeper indentation continues a description."""
    block = re.search(r"^## Directory map\n```\n(.*?)^```", text, re.M | re.S)
    assert block, "docs/architecture.md has no directory map"
    paths, current = [], None
    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        name = re.split(r"\s{2,}", line.strip())[0]
        if not line.startswith(" "):
            paths.append(name)
            current = name if name.endswith("/") else None
        elif line.startswith("  ") and not line.startswith("   "):
            assert current, f"{line!r} is indented under no directory"
            paths += [current + part.strip() for part in name.split(",")]
    return paths


def missing(paths) -> list[str]:
    return sorted(p for p in paths if not (ROOT / p).exists())


def test_every_backticked_path_in_the_docs_exists():
    assert DOCS, "no docs/*.md found"
    absent = {doc.name: missing(doc_paths(doc.read_text(encoding="utf-8"))) for doc in DOCS}
    assert {name: paths for name, paths in absent.items() if paths} == {}


def test_every_gonghui_name_in_the_docs_resolves():
    unresolved = {
        doc.name: sorted(
            n for n in dotted_names(doc.read_text(encoding="utf-8")) if not resolves(n)
        )
        for doc in DOCS
    }
    assert {name: names for name, names in unresolved.items() if names} == {}


def test_every_entry_of_the_directory_map_exists():
    paths = directory_map(ARCHITECTURE.read_text(encoding="utf-8"))
    assert len(paths) > 50
    assert missing(paths) == []


def test_the_directory_map_shows_every_installed_app():
    paths = set(directory_map(ARCHITECTURE.read_text(encoding="utf-8")))
    apps = [name for name in settings.INSTALLED_APPS if name.startswith("gonghui.")]
    assert [app for app in apps if app.replace(".", "/") + "/" not in paths] == []


def test_every_module_of_core_is_on_the_directory_map():
    paths = set(directory_map(ARCHITECTURE.read_text(encoding="utf-8")))
    modules = sorted((ROOT / "gonghui" / "core").glob("*.py"))
    assert modules
    unlisted = [
        m.name
        for m in modules
        if m.name not in {"__init__.py", "apps.py"} and f"gonghui/core/{m.name}" not in paths
    ]
    assert unlisted == []


def test_every_import_contract_is_described():
    """A contract of pyproject.toml appears by its id, or by `<app>-interfaces-private`."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ids = [c["id"] for c in config["tool"]["importlinter"]["contracts"]]
    described = set(backticked(ARCHITECTURE.read_text(encoding="utf-8")))
    assert ids
    undescribed = [
        i
        for i in ids
        if i not in described
        and not (i.endswith("-interfaces-private") and "<app>-interfaces-private" in described)
    ]
    assert undescribed == []


def test_the_checks_catch_what_does_not_exist():
    text = (
        "`gonghui/core/nowhere.py` `config/settings/base.py` `gonghui/<app>/demo.py` "
        "`gonghui.core.workflow.apply` `gonghui.core.workflow.nothing` `gonghui.observatory`"
    )
    assert missing(doc_paths(text)) == ["gonghui/core/nowhere.py"]
    assert sorted(n for n in dotted_names(text) if not resolves(n)) == [
        "gonghui.core.workflow.nothing",
        "gonghui.observatory",
    ]
    block = (
        "## Directory map\n```\ngonghui/core/   kernel\n  models.py   x\n  gone.py, paths.py\n```\n"
    )
    assert missing(directory_map(block)) == ["gonghui/core/gone.py"]
