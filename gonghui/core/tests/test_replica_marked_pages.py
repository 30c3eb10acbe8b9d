"""Statistics and dashboard pages read through the replica when one is configured: their
queries are routed by core.db (here recorded, since the suite has no second server)."""

import pytest
from django.urls import reverse

from gonghui.core import db


@pytest.fixture
def routed(monkeypatch):
    """Records every routing decision taken for a read marked for the replica."""
    decisions = []
    real = db.replica_alias

    def recording():
        decisions.append(real())
        return "default"  # the suite's only database

    monkeypatch.setattr(db, "replica_alias", recording)
    return decisions


@pytest.mark.parametrize("url", ["dashboards:home", "wishes:statistics"])
def test_the_page_reads_are_marked_for_the_replica(fed, client_for, routed, url):
    response = client_for(fed.province_admin).get(reverse(url))
    assert response.status_code == 200
    assert routed, "no query of the page was marked for the replica"


def test_ordinary_pages_read_from_the_primary(fed, client_for, routed):
    response = client_for(fed.province_admin).get(reverse("wishes:list"))
    assert response.status_code == 200
    assert routed == []
