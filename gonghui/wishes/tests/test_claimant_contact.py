"""Staff who deliver a wish reveal its claimant's phone, audited; others only see the mask."""

import pytest
from django.core.cache import cache

from gonghui.core.models import AuditEntry

CLAIMANT_PHONE = "13700001111"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_handling_staff_reveal_the_claimant_phone_and_it_is_audited(fed, client_for, wish_in):
    wish = wish_in("claimed")
    client = client_for(fed.grassroots_admin)
    page = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert CLAIMANT_PHONE not in page
    assert "137****1111" in page
    assert f"/wishes/{wish.pk}/reveal-claimant/" in page
    assert not AuditEntry.objects.filter(action="view_sensitive").exists()

    response = client.post(f"/wishes/{wish.pk}/reveal-claimant/")
    assert response.status_code == 200
    html = response.content.decode()
    assert CLAIMANT_PHONE in html and "李爱心" in html
    # Only the claimant: the worker's phone and hardship stay hidden.
    assert "13912345678" not in html and "透析" not in html
    entry = AuditEntry.objects.get(action="view_sensitive", target_id=str(wish.pk))
    assert entry.actor == fed.grassroots_admin
    assert entry.details["fields"] == ["claimant_name", "claimant_phone", "claimant_company"]
    assert CLAIMANT_PHONE not in entry.summary


def test_staff_without_the_permission_get_the_mask_only(fed, client_for, wish_in):
    wish = wish_in("claimed")
    client = client_for(fed.leader)
    page = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert "137****1111" in page
    assert CLAIMANT_PHONE not in page
    assert "reveal-claimant" not in page
    response = client.post(f"/wishes/{wish.pk}/reveal-claimant/")
    assert response.status_code == 403
    assert CLAIMANT_PHONE not in response.content.decode()
    assert not AuditEntry.objects.filter(action="view_sensitive").exists()


def test_claimant_reveal_is_scoped(fed, client_for, wish_in):
    wish = wish_in("claimed")
    assert client_for(fed.outsider).post(f"/wishes/{wish.pk}/reveal-claimant/").status_code == 404
    assert not AuditEntry.objects.filter(action="view_sensitive").exists()


def test_claimant_api_reveals_to_handlers_only_and_audits(fed, client_for, wish_in):
    wish = wish_in("claimed")
    denied = client_for(fed.leader).get(f"/api/v1/wishes/{wish.pk}/claimant")
    assert denied.status_code == 403
    assert CLAIMANT_PHONE not in denied.content.decode()
    body = client_for(fed.province_admin).get(f"/api/v1/wishes/{wish.pk}/claimant").json()
    assert body["claimant_phone"] == CLAIMANT_PHONE
    assert AuditEntry.objects.filter(
        action="view_sensitive", actor=fed.province_admin, target_id=str(wish.pk)
    ).exists()


def test_unclaimed_wish_has_no_claimant_to_reveal(fed, client_for, wish_in):
    wish = wish_in("published")
    response = client_for(fed.province_admin).post(f"/wishes/{wish.pk}/reveal-claimant/")
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="view_sensitive").exists()
