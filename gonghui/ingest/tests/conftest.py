"""Fixtures shared by the ingest tests: the seed pages when the shared folder is present."""

import pytest

from .corpus_scoring import SEEDS


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    if not SEEDS.is_dir():
        return {}
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
