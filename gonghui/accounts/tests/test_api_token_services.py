"""API tokens are created and revoked through services that write an audit entry naming the
token by its prefix, never by its secret; only the owner can revoke a token."""

import datetime as dt
import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from gonghui.accounts import services
from gonghui.accounts.models import ApiToken
from gonghui.core.exceptions import PermissionDenied
from gonghui.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _entry_text(entry: AuditEntry) -> str:
    return " ".join([entry.summary, entry.target_repr, json.dumps(entry.details)])


def test_creating_a_token_on_the_profile_page_is_audited_without_the_secret(fed, client_for):
    response = client_for(fed.city_admin).post(
        reverse("accounts:token_create"), {"name": "小程序"}, follow=True
    )
    token = ApiToken.objects.get(user=fed.city_admin)
    shown = (
        " ".join(str(m) for m in get_messages(response.wsgi_request)) or response.content.decode()
    )
    key = shown.split("新令牌：")[1].split("（")[0]
    assert key.startswith(token.prefix) and len(key) > len(token.prefix)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, target_id=str(token.pk))
    assert entry.actor == fed.city_admin and entry.details["prefix"] == token.prefix
    assert "小程序" in entry.summary and token.prefix in entry.summary
    assert key not in _entry_text(entry) and token.key_hash not in _entry_text(entry)
    assert entry.org_path == fed.zhengzhou.path


def test_a_token_name_is_trimmed_and_defaults(fed):
    token, _key = services.create_api_token(by=fed.city_admin, name="  ")
    assert token.name == "API"
    token, _key = services.create_api_token(by=fed.city_admin, name="长" * 80)
    assert token.name == "长" * 50


def test_revoking_a_token_is_audited_and_the_token_stops_working(fed, client, client_for):
    token, key = services.create_api_token(by=fed.city_admin, name="小程序")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/organizations/", **headers).status_code == 200
    response = client_for(fed.city_admin).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETE, target_id=str(token.pk))
    assert entry.actor == fed.city_admin and entry.details == {"prefix": token.prefix}
    assert key not in _entry_text(entry)
    client.logout()
    assert client.get("/api/v1/organizations/", **headers).status_code == 401


def test_someone_elses_token_is_not_found_and_stays(fed, client_for):
    token, _key = services.create_api_token(by=fed.city_admin, name="小程序")
    response = client_for(fed.province_admin).post(
        reverse("accounts:token_revoke", args=[token.pk])
    )
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).exists()


def test_the_service_refuses_to_revoke_someone_elses_token(fed):
    token, _key = services.create_api_token(by=fed.city_admin, name="小程序")
    with pytest.raises(PermissionDenied):
        services.revoke_api_token(by=fed.province_admin, token=token)
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_profile_lists_only_the_users_own_tokens(fed, client_for):
    services.create_api_token(by=fed.city_admin, name="我的令牌")
    services.create_api_token(by=fed.province_admin, name="别人的令牌")
    page = client_for(fed.city_admin).get(reverse("accounts:profile")).content.decode()
    assert "我的令牌" in page and "别人的令牌" not in page


def test_a_tokens_use_is_noted_at_most_every_five_minutes(fed, client):
    token, key = services.create_api_token(by=fed.city_admin, name="小程序")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/organizations/", **headers).status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    assert client.get("/api/v1/organizations/", **headers).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    earlier = first - dt.timedelta(minutes=6)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    assert client.get("/api/v1/organizations/", **headers).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first
