import pytest

from .factories import make_wish


@pytest.fixture
def wish_in(fed):
    """wish_in(status, org=None, **fields) → a wish of the 宏达 grassroots union by default."""

    def make(status="collected", org=None, **fields):
        return make_wish(org or fed.grassroots, status, **fields)

    return make
