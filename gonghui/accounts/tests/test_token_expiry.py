"""API tokens expire by default; an expired token is refused like a wrong one, and the profile
page says when each token expires."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_a_new_token_expires_after_the_configured_days(fed, settings):
    token, _key = ApiToken.generate(user=fed.city_admin, name="小程序")
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(
        minutes=1
    )
    settings.GONGHUI_API_TOKEN_DAYS = 7
    token, _key = ApiToken.generate(user=fed.city_admin, name="短期")
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=7))) < dt.timedelta(minutes=1)


def test_an_expired_token_gets_401(client, fed):
    token, key = ApiToken.generate(user=fed.city_admin, name="小程序")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/organizations/", **headers).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/api/v1/organizations/", **headers).status_code == 401


def test_profile_shows_when_each_token_expires(client_for, fed):
    fresh, _key = ApiToken.generate(user=fed.city_admin, name="小程序")
    old, _key = ApiToken.generate(user=fed.city_admin, name="旧令牌")
    ApiToken.objects.filter(pk=old.pk).update(
        expires_at=timezone.make_aware(dt.datetime(2020, 3, 1))
    )
    page = client_for(fed.city_admin).get("/accounts/profile/").content.decode()
    expires = timezone.localtime(fresh.expires_at)
    assert "过期时间" in page
    assert f"{expires.year}年{expires.month}月{expires.day}日" in page
    assert "2020年3月1日" in page and "已过期" in page
    assert "90 天后过期" in page


def test_creating_a_token_says_when_it_expires(client_for, fed):
    client = client_for(fed.city_admin)
    response = client.post("/accounts/tokens/new/", {"name": "小程序"}, follow=True)
    expires = timezone.localtime(ApiToken.objects.get(user=fed.city_admin).expires_at)
    assert f"{expires.year}年{expires.month}月{expires.day}日 过期" in response.content.decode()
