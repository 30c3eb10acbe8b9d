"""Fixtures shared by the ingest tests: the seed pages when the shared folder is present.

Tests marked `seeds` read the seed pages kept beside the repository (../shared/seeds). The
suite must not depend on files outside the repository, so without that folder they are not
collected (and the summary says so) rather than skipped or passed without checking anything.
"""

import pytest

from .corpus_scoring import SEEDS


def pytest_configure(config):
    config.addinivalue_line("markers", "seeds: reads the seed pages in ../shared/seeds")


def pytest_collection_modifyitems(config, items):
    if not SEEDS.is_dir():
        seeded = [item for item in items if item.get_closest_marker("seeds")]
        items[:] = [item for item in items if not item.get_closest_marker("seeds")]
        config.hook.pytest_deselected(items=seeded)


def pytest_terminal_summary(terminalreporter, config):
    if not SEEDS.is_dir():
        terminalreporter.write_line(f"seed-document tests not collected: {SEEDS} is absent")


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
