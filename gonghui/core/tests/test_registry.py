"""Per-app discovery: each app's submodule once, missing ones skipped, broken ones raised."""

import sys
import types

import pytest

from gonghui.core import registry


@pytest.fixture
def fake_apps(tmp_path, monkeypatch):
    for name, body in {
        "fakeone": {"bench.py": "CASES = 1\n"},
        "faketwo": {},
        "fakethree": {"bench.py": "import no_such_dependency_anywhere\n"},
    }.items():
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text("")
        for filename, text in body.items():
            (package / filename).write_text(text)
    monkeypatch.syspath_prepend(str(tmp_path))

    def configs():
        for name in ("fakeone", "faketwo", "fakethree"):
            __import__(name)
            yield types.SimpleNamespace(name=name, module=sys.modules[name])

    monkeypatch.setattr(registry, "gonghui_apps", configs)
    yield
    for name in list(sys.modules):
        if name.split(".")[0] in ("fakeone", "faketwo", "fakethree"):
            del sys.modules[name]


def test_an_app_without_the_submodule_is_skipped_and_a_broken_one_raises(fake_apps):
    found = registry.app_modules("bench")
    config, module = next(found)
    assert (config.name, module.CASES) == ("fakeone", 1)
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency_anywhere"):
        next(found)


def test_every_installed_gonghui_app_is_asked_in_installed_apps_order():
    names = [config.name for config, _module in registry.app_modules("apps")]
    assert names[:3] == ["gonghui.core", "gonghui.organizations", "gonghui.people"]
    assert "gonghui.dashboards" in names
