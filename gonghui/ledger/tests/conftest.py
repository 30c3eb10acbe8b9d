import pytest

from gonghui.campaigns.tests.factories import make_campaign


@pytest.fixture
def campaign(fed):
    return make_campaign(fed)
