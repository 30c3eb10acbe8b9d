"""docs/glossary.md names every model, app, workflow verb, status, role and data scope that
exists, and no model or app that does not."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils import translation

from gonghui.accounts.roles import ROLE_DEFINITIONS
from gonghui.core.registry import app_modules
from gonghui.core.workflow import VERB_LABELS, Table
from gonghui.organizations.scoping import DataScope

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"
CJK = re.compile(r"[\u4e00-\u9fff]")
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|(.*)\|\s*$")


def read_glossary() -> str:
    return GLOSSARY.read_text(encoding="utf-8")


def section(text: str, title: str) -> str:
    """The body of the level-2 section `title` (up to the next level-2 heading)."""
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"docs/glossary.md has no section “## {title}”"
    return match.group(1)


def rows(body: str) -> dict[str, list[str]]:
    """Table rows whose first cell is one `identifier`: {identifier: [other cells]}."""
    found = {}
    for line in body.splitlines():
        match = ROW.match(line.strip())
        if match:
            found[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return found


def glossary_models(text: str) -> dict[str, dict[str, list[str]]]:
    """{app name: {model name: cells}} from the "### `gonghui.<app>`" tables under Models."""
    body = section(text, "Models")
    parts = re.split(r"^### `([^`]+)`.*$", body, flags=re.M)
    return {app: rows(part) for app, part in zip(parts[1::2], parts[2::2], strict=True)}


def project_models() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for model in apps.get_models():
        if model.__module__.startswith("gonghui."):
            found.setdefault(model._meta.app_config.name, set()).add(model.__name__)
    return found


def installed_gonghui_apps() -> set[str]:
    return {name for name in settings.INSTALLED_APPS if name.startswith("gonghui.")}


def missing_models(text: str) -> list[str]:
    listed = glossary_models(text)
    return sorted(
        f"{app}.{name}"
        for app, names in project_models().items()
        for name in names
        if name not in listed.get(app, {})
    )


def unknown_models(text: str) -> list[str]:
    actual = project_models()
    return sorted(
        f"{app}.{name}"
        for app, names in glossary_models(text).items()
        for name in names
        if name not in actual.get(app, set())
    )


def unknown_apps(text: str) -> set[str]:
    """Apps the glossary names (`gonghui.<app>` or `gonghui/<app>/`) that are not installed."""
    named = {f"gonghui.{name}" for name in re.findall(r"gonghui[./]([a-z_]+)", text)}
    return named - installed_gonghui_apps()


def test_every_model_of_every_gonghui_app_is_in_the_glossary():
    assert missing_models(read_glossary()) == []


def test_the_glossary_lists_no_model_that_does_not_exist():
    assert unknown_models(read_glossary()) == []


def test_each_model_row_gives_a_chinese_term_and_a_meaning():
    for app, models in glossary_models(read_glossary()).items():
        for name, cells in models.items():
            term, meaning = cells[0], cells[1]
            assert CJK.search(term), f"{app}.{name} has no 中文 term"
            assert len(meaning) > 10, f"{app}.{name} has no meaning"


def test_a_model_missing_from_the_glossary_is_reported():
    text = read_glossary()
    without = "\n".join(line for line in text.splitlines() if not line.startswith("| `Wish` |"))
    assert missing_models(without) == ["gonghui.wishes.Wish"]
    moved = text.replace("| `Wish` |", "| `Wishes` |")
    assert unknown_models(moved) == ["gonghui.wishes.Wishes"]


def test_the_glossary_names_no_app_that_is_not_installed():
    assert unknown_apps(read_glossary()) == set()
    assert unknown_apps("See `gonghui.observatory` for 观测站.") == {"gonghui.observatory"}


def test_the_app_table_lists_exactly_the_installed_apps():
    assert set(rows(section(read_glossary(), "Apps"))) == installed_gonghui_apps()


def test_every_workflow_verb_is_in_the_glossary_with_its_label():
    verbs = rows(section(read_glossary(), "Workflow verbs"))
    with translation.override("zh-hans"):
        expected = {verb: str(label) for verb, label in VERB_LABELS.items()}
    assert {verb: cells[0] for verb, cells in verbs.items()} == expected


def test_every_status_of_every_transition_table_is_in_the_glossary():
    """Each status enum has its own row, named by its dotted path, with every value and label."""
    lines = section(read_glossary(), "Statuses").splitlines()
    missing = []
    with translation.override("zh-hans"):
        for _config, module in app_modules("workflow"):
            for table in vars(module).values():
                if not isinstance(table, Table) or table.status is None:
                    continue
                enum = f"{table.status.__module__}.{table.status.__qualname__}"
                row = next((line for line in lines if f"`{enum}`" in line), "")
                missing += [
                    f"{enum}.{value}"
                    for value, label in table.status.choices
                    if f"`{value}` {label}" not in row
                ]
    assert missing == []


def test_every_standard_role_is_in_the_glossary_with_its_name_and_scope():
    roles = rows(section(read_glossary(), "Roles"))
    expected = {
        code: [name, f"`{scope}`"] for code, (name, scope, *_rest) in ROLE_DEFINITIONS.items()
    }
    assert {code: cells[:2] for code, cells in roles.items()} == expected


def test_every_data_scope_is_in_the_glossary_with_its_label():
    scopes = rows(section(read_glossary(), "Data scopes"))
    with translation.override("zh-hans"):
        expected = {value: str(label) for value, label in DataScope.choices}
    assert {value: cells[0] for value, cells in scopes.items()} == expected
