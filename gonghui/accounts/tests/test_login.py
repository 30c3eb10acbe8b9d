"""Login, lockout after repeated failures, password strength, session expiry, audit."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from gonghui.core.models import AuditEntry


def test_login_and_logout_audited(fed, client):
    response = client.post(
        "/accounts/login/", {"username": "liaison", "password": "pw-gonghui-123"}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="login", actor=fed.liaison).exists()
    client.post("/accounts/logout/")
    assert AuditEntry.objects.filter(action="logout", actor=fed.liaison).exists()


def test_wrong_password_message_in_chinese(fed, client):
    response = client.post("/accounts/login/", {"username": "liaison", "password": "wrong"})
    assert "用户名或密码错误" in response.content.decode()
    assert AuditEntry.objects.filter(action="login_failed").exists()


def test_lockout_after_repeated_failures(fed, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "liaison", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "liaison", "password": "pw-gonghui-123"}
    )
    assert response.status_code == 429
    assert "临时锁定" in response.content.decode()


@pytest.mark.parametrize("password", ["short1", "onlyletterslong", "1234567890123", "password123"])
def test_weak_passwords_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_strong_password_accepted():
    validate_password("Gonghui-Creation-2026")


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_pages_require_login(client):
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
