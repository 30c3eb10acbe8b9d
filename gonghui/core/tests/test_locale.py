"""Chinese by default whatever the browser says; English after choosing it."""

from django.conf import settings


def test_chinese_even_with_english_browser(fed, client_for):
    client = client_for(fed.province_admin)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "工作台" in html


def test_english_after_choosing_it(fed, client_for):
    client = client_for(fed.province_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Organizations" in html
