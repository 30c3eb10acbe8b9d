"""A worker or household member with an open archive anywhere in the province cannot get a
second one; the refusal never shows another organisation's data to a user outside its scope."""

import pytest

from gonghui.assistance import services
from gonghui.assistance.workflow import Status
from gonghui.core.exceptions import ValidationFailed
from gonghui.testing import make_org, make_user, valid_id_number

from .factories import archive_data, make_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_union(fed):
    """A second grassroots union in 河南 (another city), with its own admin who cannot see 宏达."""
    from gonghui.organizations.models import Organization

    luoyang = make_org("洛阳市总工会", parent=fed.henan, kind=Organization.Kind.CITY)
    union = make_org("洛阳轴承厂工会", parent=luoyang)
    admin = make_user("luoyang_admin", org=union, role=fed.roles["grassroots_admin"])
    return union, admin


def test_the_same_worker_is_refused_elsewhere_in_the_province_without_a_leak(fed, other_union):
    union, admin = other_union
    number = valid_id_number(9001)
    first = make_archive(
        fed.grassroots_admin, fed.grassroots, id_number=number, worker_name="赵铁柱"
    )
    with pytest.raises(ValidationFailed) as refused:
        services.create_archive(by=admin, organization=union, **archive_data(id_number=number))
    message = refused.value.message
    assert "其他单位" in message and "省总工会" in message
    for leaked in (fed.grassroots.name, first.number, "赵铁柱", "赵"):
        assert leaked not in message


def test_inside_the_scope_the_message_names_the_existing_archive(fed):
    number = valid_id_number(9002)
    first = make_archive(fed.grassroots_admin, fed.grassroots, id_number=number)
    with pytest.raises(ValidationFailed) as refused:
        services.create_archive(
            by=fed.officer, organization=fed.grassroots, **archive_data(id_number=number)
        )
    assert first.number in refused.value.message


def test_a_household_member_with_an_open_archive_is_refused(fed, other_union):
    union, admin = other_union
    member = valid_id_number(9003)
    make_archive(
        fed.grassroots_admin,
        fed.grassroots,
        members=[{"name": "钱小红", "relation": "女儿", "id_number": member}],
    )
    with pytest.raises(ValidationFailed) as refused:
        services.create_archive(by=admin, organization=union, **archive_data(id_number=member))
    assert "钱小红" not in refused.value.message


def test_a_closed_archive_does_not_block_a_new_one(fed):
    number = valid_id_number(9004)
    make_archive(fed.grassroots_admin, fed.grassroots, id_number=number, status=Status.EXITED)
    again = make_archive(fed.grassroots_admin, fed.grassroots, id_number=number)
    assert again.status == Status.DRAFT


def test_another_province_is_not_blocked(fed):
    number = valid_id_number(9005)
    make_archive(fed.grassroots_admin, fed.grassroots, id_number=number)
    elsewhere = make_archive(fed.outsider, fed.loudi_grassroots, id_number=number)
    assert elsewhere.pk


def test_the_same_number_twice_in_one_household_is_refused(fed):
    number = valid_id_number(9006)
    with pytest.raises(ValidationFailed):
        make_archive(
            fed.grassroots_admin,
            fed.grassroots,
            id_number=number,
            members=[{"name": "孙", "relation": "配偶", "id_number": number}],
        )


def test_an_invalid_id_number_is_refused_in_chinese(fed):
    with pytest.raises(ValidationFailed) as refused:
        make_archive(fed.grassroots_admin, fed.grassroots, id_number="410102198001010011")
    assert "身份证号" in str(refused.value.errors)
