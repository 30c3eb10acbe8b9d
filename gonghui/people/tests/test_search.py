"""People search: name prefix, pinyin initials, phone tail; always inside the scope."""

import pytest

from gonghui.people.selectors import PeopleFilter, people_for_user
from gonghui.testing import make_person


@pytest.fixture
def people(fed):
    return {
        "zjh": make_person(fed.grassroots, name="张建华", phone="13803711234"),
        "lm": make_person(fed.zhengzhou, name="李明", phone="13912345678"),
        "other": make_person(fed.loudi_grassroots, name="张建军", phone="13700001234"),
    }


def found(user, **kw):
    return {p.name for p in people_for_user(user, PeopleFilter(**kw))}


def test_pinyin_initials_find_name(fed, people):
    assert found(fed.province_admin, q="zjh") == {"张建华"}


def test_name_prefix(fed, people):
    assert found(fed.province_admin, q="张建") == {"张建华"}


def test_traditional_input_is_accepted(fed, people):
    assert found(fed.province_admin, q="張建華") == {"张建华"}


def test_phone_tail(fed, people):
    assert found(fed.province_admin, q="1234") == {"张建华"}
    assert found(fed.sysadmin, q="1234") == {"张建华", "张建军"}


def test_subtree_filter(fed, people):
    assert found(fed.province_admin, organization=fed.jinshui) == {"张建华"}


def test_outsider_sees_only_own_union(fed, people):
    assert found(fed.outsider) == {"张建军"}


def test_department_scope_sees_only_department(fed, people):
    make_person(fed.henan, name="王芳", department=fed.basic_work_dept)
    make_person(fed.henan, name="赵强", department=fed.publicity_dept)
    assert found(fed.liaison) == {"王芳"}


def test_three_phone_digits_use_the_indexed_tail(fed, people):
    assert found(fed.sysadmin, q="234") == {"张建华", "张建军"}
    assert found(fed.sysadmin, q="678") == {"李明"}
    sql = str(people_for_user(fed.sysadmin, PeopleFilter(q="234")).query)
    assert "phone_tail" in sql and "LIKE" not in sql.upper()


@pytest.mark.parametrize("digits", ["1", "34", "01234", "301234"])
def test_meaningless_phone_digits_are_explained(fed, people, digits):
    from gonghui.people.selectors import QueryTooShort

    with pytest.raises(QueryTooShort) as exc:
        found(fed.sysadmin, q=digits)
    assert "3 位或 4 位" in exc.value.message


def test_one_letter_or_character_finds_everyone_it_should(fed, people):
    assert found(fed.sysadmin, q="z") == {"张建华", "张建军"}
    assert found(fed.sysadmin, q="Z") == {"张建华", "张建军"}
    assert found(fed.sysadmin, q="李") == {"李明"}
    assert found(fed.province_admin, q="张") == {"张建华"}


def test_list_page_explains_short_phone_digits(fed, people, client_for):
    html = client_for(fed.province_admin).get("/people/", {"q": "12"}).content.decode()
    assert "3 位或 4 位" in html
    assert "尾号后 3–4 位" in html  # the hint under the search field


def test_search_count_is_capped_with_a_hint(fed, people, client_for, monkeypatch):
    from gonghui.people import views

    monkeypatch.setattr(views, "SEARCH_CAP", 1)
    make_person(fed.grassroots, name="张三", phone="13800000001")
    html = client_for(fed.province_admin).get("/people/", {"q": "z"}).content.decode()
    assert "找到 1 000 人以上" in html
