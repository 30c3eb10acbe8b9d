"""The per-organisation people counts are kept by the database: every way people are written
keeps them equal to a direct count, for every kind of scope, and a migration that loses the
triggers gets them back."""

import pytest
from django.db import connection, transaction

from gonghui.accounts.roles import ensure_roles
from gonghui.organizations import services as org_services
from gonghui.organizations.scoping import DataScope
from gonghui.people import services, tallies
from gonghui.people.models import PeopleTally, Person
from gonghui.testing import make_person, make_user, valid_id_number

pytestmark = pytest.mark.django_db


def _direct(user) -> dict:
    people = Person.objects.visible_to(user)
    return {
        "num_people": people.count(),
        "num_volunteers": people.filter(is_volunteer=True).count(),
        "num_model_workers": people.exclude(model_worker_level="").count(),
    }


@pytest.fixture
def users(fed):
    org_only = ensure_roles()["grassroots_admin"]
    org_only.data_scope = DataScope.ORGANIZATION
    org_only.save()
    chosen = [
        fed.sysadmin,
        fed.province_admin,
        fed.city_admin,
        fed.leader,
        type(fed.grassroots_admin).objects.get(pk=fed.grassroots_admin.pk),  # organisation
        fed.liaison,  # department scope: counted directly
        fed.outsider,
        make_user("nobody"),  # no organisation
    ]
    assert {u.scope.data_scope for u in chosen if u.role_id} == {
        DataScope.SUBTREE,
        DataScope.ORGANIZATION,
        DataScope.DEPARTMENT,
    }
    return chosen


def _check(users):
    for user in users:
        assert tallies.headline_counts(user) == _direct(user), user.username


def test_every_way_of_writing_people_keeps_the_counts(fed, users):
    admin = fed.province_admin
    a = make_person(fed.grassroots, "甲", is_volunteer=True)
    make_person(fed.jinshui, "乙", model_worker_level="city")
    make_person(fed.loudi_grassroots, "丙", is_volunteer=True, model_worker_level="national")
    _check(users)
    # The services: a new person, an edit of its tags and organisation; a deletion.
    b = services.create_person(
        by=admin, name="丁", id_number=valid_id_number(), organization=fed.zhengzhou
    )
    services.update_person(
        by=admin,
        person=b,
        is_volunteer=True,
        model_worker_level="craftsman",
        organization=fed.henan,
    )
    _check(users)
    Person.objects.get(pk=a.pk).delete()
    _check(users)
    # Behind the services' back: bulk inserts and queryset updates.
    Person.objects.bulk_create(
        [
            Person(
                organization=fed.grassroots,
                org_path=fed.grassroots.path,
                name=f"批量{i}",
                id_number=valid_id_number(),
                is_volunteer=i % 2 == 0,
            )
            for i in range(5)
        ]
    )
    Person.objects.filter(name__startswith="批量").update(model_worker_level="city")
    Person.objects.filter(name="批量0").update(is_volunteer=False)
    Person.objects.filter(name="批量1").delete()
    _check(users)
    # An edit that touches none of the counted columns runs no trigger work and changes nothing.
    Person.objects.filter(name="乙").update(phone="13900001111")
    _check(users)


def test_moving_an_organisation_moves_its_people_between_scopes(fed):
    make_person(fed.grassroots, "甲", is_volunteer=True)
    make_person(fed.grassroots, "乙")
    assert tallies.headline_counts(fed.city_admin)["num_people"] == 2
    org_services.move_organization(
        by=fed.sysadmin, organization=fed.grassroots, new_parent=fed.loudi
    )
    fed.loudi_admin = make_user("loudi_admin", org=fed.loudi, role=ensure_roles()["campaign_admin"])
    assert tallies.headline_counts(fed.city_admin)["num_people"] == 0
    assert tallies.headline_counts(fed.loudi_admin) == _direct(fed.loudi_admin)
    assert tallies.headline_counts(fed.loudi_admin)["num_volunteers"] == 1
    row = PeopleTally.objects.get(organization=fed.grassroots)
    fed.grassroots.refresh_from_db()
    assert row.org_path == fed.grassroots.path


def test_a_write_rolled_back_leaves_the_counts_as_they_were(fed):
    make_person(fed.grassroots, "甲")
    with pytest.raises(RuntimeError), transaction.atomic():
        make_person(fed.grassroots, "乙")
        raise RuntimeError
    assert PeopleTally.objects.get(organization=fed.grassroots).people == 1


def test_a_suspended_load_is_counted_once_at_the_end(fed, users):
    make_person(fed.grassroots, "甲")
    with transaction.atomic(), tallies.suspended():
        assert not tallies.installed()
        make_person(fed.grassroots, "乙", is_volunteer=True)
        make_person(fed.zhengzhou, "丙")
    assert tallies.installed()
    _check(users)


def test_migrate_puts_back_triggers_a_later_migration_dropped(fed):
    make_person(fed.grassroots, "甲")
    tallies.uninstall()
    make_person(fed.grassroots, "乙")  # not counted: the triggers are gone
    assert PeopleTally.objects.get(organization=fed.grassroots).people == 1
    tallies.ensure_installed()
    assert tallies.installed()
    assert PeopleTally.objects.get(organization=fed.grassroots).people == 2
    make_person(fed.grassroots, "丙")
    assert PeopleTally.objects.get(organization=fed.grassroots).people == 3


def test_the_province_figure_is_a_sum_over_organisations_not_a_count_of_people(
    fed, django_assert_num_queries
):
    make_person(fed.grassroots, "甲")
    with django_assert_num_queries(1) as captured:
        tallies.headline_counts(fed.province_admin)
    sql = captured.captured_queries[0]["sql"]
    assert PeopleTally._meta.db_table in sql and Person._meta.db_table not in sql
    assert connection.vendor in ("sqlite", "postgresql")
