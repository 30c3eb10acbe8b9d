"""Every installed app is under the import contracts of pyproject.toml, so a new app cannot
slip past `lint-imports` by not being listed."""

import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[3]


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def installed() -> set[str]:
    return {c.name for c in apps.get_app_configs() if c.name.startswith("gonghui.")}


def test_core_is_forbidden_every_other_app():
    assert set(contracts()["core-is-a-kernel"]["forbidden_modules"]) >= installed() - {
        "gonghui.core"
    }


def test_every_app_with_modules_is_a_layered_container():
    containers = set(contracts()["layers-inside-apps"]["containers"])
    assert containers >= installed() - {"gonghui.api"}  # the API wiring has no layers of its own


def test_every_app_with_views_forms_or_api_keeps_them_private():
    declared = contracts()
    for name in installed() - {"gonghui.core", "gonghui.api"}:
        package = ROOT / name.replace(".", "/")
        kinds = [k for k in ("views", "forms", "api") if (package / f"{k}.py").exists()]
        if not kinds:
            continue
        label = name.split(".")[1]
        contract = declared[f"{label}-interfaces-private"]
        assert set(contract["protected_modules"]) == {f"{name}.{k}" for k in kinds}
