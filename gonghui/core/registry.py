"""Per-app discovery, written once: what each gonghui app contributes (pages, API router,
roles, bench cases, demo data, periodic tasks, navigation, scale data, panels) is found here,
so core never names a domain app."""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule

PACKAGE = "gonghui."


def gonghui_apps() -> Iterator[AppConfig]:
    """The installed gonghui apps, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if config.name.startswith(PACKAGE):
            yield config


def app_modules(submodule: str) -> Iterator[tuple[AppConfig, ModuleType]]:
    """(AppConfig, module) for each gonghui app that has `submodule` (e.g. "bench"), imported.

    An app without the submodule is skipped; an import error inside one is raised, so a broken
    module is never mistaken for a missing one."""
    for config in gonghui_apps():
        if module_has_submodule(config.module, submodule):
            yield config, import_module(f"{config.name}.{submodule}")


def app_attributes(name: str) -> Iterator[tuple[AppConfig, object]]:
    """(AppConfig, value) for each gonghui app whose AppConfig declares `name`."""
    for config in gonghui_apps():
        value = getattr(config, name, None)
        if value is not None:
            yield config, value
