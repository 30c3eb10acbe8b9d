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
