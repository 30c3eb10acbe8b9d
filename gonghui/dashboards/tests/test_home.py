"""The home page: figures of the user's own scope, read through the owning apps' selectors."""

import re

from gonghui.testing import assert_constant_queries, make_org, make_person


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


def test_home_queries_do_not_grow_with_people_and_organisations(client, fed):
    def more(indices):
        for i in indices:
            org = make_org(f"金水第{i}基层工会", parent=fed.jinshui)
            make_person(org, f"职工{i}", is_volunteer=True, model_worker_level="市级")
        # The figures after these rows: 郑州, 金水, 宏达 and one union per person.
        total = indices.stop
        return [
            f'<div class="num">{3 + total}</div><div class="label">组织</div>',
            f'<div class="num">{total}</div><div class="label">人员</div>',
            f'<div class="num">{total}</div><div class="label">志愿者</div>',
        ]

    client.force_login(fed.city_admin)
    assert_constant_queries(client, "/", more)


def test_a_money_figure_the_user_may_not_see_shows_a_dash(client, fed):
    """A liaison may not read relief records: the assistance amount is a dash, never blank or 0."""
    client.force_login(fed.liaison)
    html = client.get("/").content.decode()
    tile = re.search(
        r'data-figure="assistance\.paid"[^>]*>\s*<span class="num">([^<]*)</span>', html
    )
    assert tile is not None
    assert tile.group(1).strip() == "—"
