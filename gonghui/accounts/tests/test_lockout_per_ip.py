"""Lockout counts failures per address across usernames (password spraying), not only per user."""

from django.conf import settings

GOOD = "pw-gonghui-123"


def _login(client, username, password, ip):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_spraying_many_usernames_from_one_address_locks_that_address(fed, client):
    usernames = ["liaison", "leader", "city_admin", "officer", "nobody-1", "nobody-2", "nobody-3"]
    limit = settings.AXES_FAILURE_LIMIT
    for username in usernames[: limit - 1]:
        assert _login(client, username, "wrong", "203.0.113.7").status_code == 200
    assert _login(client, usernames[limit - 1], "wrong", "203.0.113.7").status_code == 429
    # A user never tried from that address is locked out there too, even with the right password.
    response = _login(client, "province_admin", GOOD, "203.0.113.7")
    assert response.status_code == 429
    assert "临时锁定" in response.content.decode()


def test_other_addresses_are_not_affected(fed, client):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"nobody-{n}", "wrong", "203.0.113.7")
    assert _login(client, "province_admin", GOOD, "198.51.100.9").status_code == 302


def test_a_success_from_the_address_resets_its_count(fed, client):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, f"nobody-{n}", "wrong", "203.0.113.7")
    assert _login(client, "leader", GOOD, "203.0.113.7").status_code == 302
    client.logout()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, f"typo-{n}", "wrong", "203.0.113.7")
    assert _login(client, "liaison", GOOD, "203.0.113.7").status_code == 302
