"""The public wish board: masked names only, never phone, ID number, address or illness."""

import re

from gonghui.testing import assert_constant_queries, make_person
from gonghui.wishes.tests.factories import make_wish, wishes_in_new_units
from gonghui.wishes.workflow import Status

FULL_NAME = "王秀英"
PHONE = "13912345678"
ADDRESS = "郑州市金水区花园路88号3单元"
ILLNESS = "患尿毒症，长期透析"


def test_board_never_renders_personal_data(fed, client):
    person = make_person(fed.grassroots, name=FULL_NAME, is_needy=True, phone=PHONE)
    make_wish(fed.grassroots, Status.PUBLISHED, person=person)
    claimed = make_wish(fed.grassroots, Status.CLAIMED, person=person)
    pages = [
        client.get("/public/wishes/"),
        client.get("/public/wishes/?tab=claimed"),
        client.get(f"/public/wishes/{claimed.pk}/"),
    ]
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        assert "王**" in html
        for secret in (
            FULL_NAME,
            PHONE,
            person.id_number,
            ADDRESS,
            ILLNESS,
            "李爱心",
            "13700001111",
        ):
            assert secret not in html
        assert not re.search(r"\d{17}[\dXx]", html)  # no ID number of any kind
        assert not re.search(r"1[3-9]\d{9}", html)  # no full mobile number


def test_board_lists_open_wishes_with_organisation(fed, client):
    make_wish(fed.grassroots, Status.PUBLISHED, title="一台助听器")
    make_wish(fed.grassroots, Status.COLLECTED, title="尚未审核的心愿")
    make_wish(fed.grassroots, Status.WITHDRAWN, title="已撤回的心愿")
    html = client.get("/public/wishes/").content.decode()
    assert "一台助听器" in html
    assert fed.grassroots.name in html
    assert "尚未审核的心愿" not in html
    assert "已撤回的心愿" not in html


def test_unpublished_wish_detail_is_404(fed, client):
    wish = make_wish(fed.grassroots, Status.VETTED)
    assert client.get(f"/public/wishes/{wish.pk}/").status_code == 404


def test_board_query_count(fed, client):
    assert_constant_queries(
        client, "/public/wishes/", wishes_in_new_units(fed, Status.PUBLISHED), most=3
    )
    assert_constant_queries(
        client,
        "/public/wishes/",
        wishes_in_new_units(fed, Status.CLAIMED),
        params={"tab": "claimed"},
        most=3,
    )


def test_board_shows_twenty_wishes_a_page(fed, client):
    for n in range(25):
        make_wish(fed.grassroots, Status.PUBLISHED, title=f"心愿{n}")
    response = client.get("/public/wishes/")
    assert response.status_code == 200
    assert response.content.decode().count('class="p-card"') == 20


def test_portal_home(fed, client):
    def more(indices):
        for _ in indices:
            make_wish(fed.grassroots, Status.PUBLISHED)
        return ["点亮微心愿"]

    assert_constant_queries(client, "/public/", more, most=2)


def test_page_is_mobile_first(client, db):
    html = client.get("/public/wishes/").content.decode()
    assert '<meta name="viewport"' in html
    assert '<meta charset="utf-8">' in html
    assert "sidenav" not in html
