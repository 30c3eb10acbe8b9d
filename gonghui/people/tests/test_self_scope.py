"""The "self" data scope: a person sees their own record; other records by their owner field."""

import datetime as dt

from gonghui.accounts.models import Role
from gonghui.organizations.models import Department
from gonghui.organizations.scoping import DataScope
from gonghui.people.models import Person
from gonghui.testing import make_person, make_user
from gonghui.wishes.models import Wish


def self_user(fed, username, **extra):
    role = Role.objects.create(
        code=f"self-{username}", name=f"本人-{username}", data_scope=DataScope.SELF
    )
    return make_user(username, org=fed.grassroots, role=role, **extra)


def test_a_self_scoped_user_sees_only_the_person_they_are(fed):
    me = make_person(fed.grassroots, "张建华")
    make_person(fed.grassroots, "李红梅")
    user = self_user(fed, "me", person=me)
    assert list(Person.objects.visible_to(user)) == [me]


def test_a_self_scoped_user_without_a_person_sees_no_people(fed):
    make_person(fed.grassroots, "李红梅")
    assert not Person.objects.visible_to(self_user(fed, "nobody")).exists()


def make_wish(fed, title, **extra):
    return Wish.objects.create(
        organization=fed.grassroots,
        title=title,
        category=Wish.Category.choices[0][0],
        amount_band=Wish.AmountBand.choices[0][0],
        worker_name="王立新",
        collected_date=dt.date(2025, 3, 1),
        **extra,
    )


def test_records_with_an_owner_field_are_seen_by_their_owner_only(fed):
    user = self_user(fed, "owner")
    mine = make_wish(fed, "我的心愿", created_by=user)
    make_wish(fed, "别人的心愿", created_by=fed.grassroots_admin)
    assert list(Wish.objects.visible_to(user)) == [mine]


def test_records_without_an_owner_are_hidden_under_the_self_scope(fed):
    assert not Department.objects.visible_to(self_user(fed, "d")).exists()
