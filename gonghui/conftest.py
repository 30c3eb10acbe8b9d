"""Fixtures shared by every app: the federation tree with its personas."""

import pytest

from gonghui.testing import build_federation


@pytest.fixture
def fed(db):
    return build_federation()


@pytest.fixture
def client_for(client):
    """client_for(user) → the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login
