"""The budget of sensitive lookups lives in the cache: every test starts with a fresh one."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()
