"""The home page: figures of the user's own scope, read through the owning apps' selectors."""

import re

from gonghui.testing import make_person


def figures(client, user) -> dict[str, int]:
    client.force_login(user)
    html = client.get("/").content.decode()
    pairs = re.findall(r'<div class="num">([\d,]+)</div><div class="label">([^<]+)</div>', html)
    return {label: int(num.replace(",", "")) for num, label in pairs}


def test_home_counts_organisations_people_volunteers_and_model_workers_in_scope(client, fed):
    make_person(fed.grassroots, "张建华", is_volunteer=True)
    make_person(fed.zhengzhou, "李红梅", model_worker_level="省级")
    make_person(fed.loudi_grassroots, "王立新", is_volunteer=True)

    assert figures(client, fed.city_admin) == {"组织": 3, "人员": 2, "志愿者": 1, "劳模工匠": 1}
    assert figures(client, fed.outsider) == {"组织": 1, "人员": 1, "志愿者": 1, "劳模工匠": 0}


def test_home_is_for_signed_in_users(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
