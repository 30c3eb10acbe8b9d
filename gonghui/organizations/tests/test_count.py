"""The organisation count of the dashboards: the organisation list of the user's scope, counted
from an index (on PostgreSQL the planner is told so for that query alone)."""

from django.db import connection

from gonghui.accounts.models import User
from gonghui.organizations import selectors
from gonghui.organizations.models import Organization
from gonghui.testing import make_org


def test_the_count_equals_the_organisation_list_of_each_scope(fed):
    for i in range(3):
        make_org(f"金水第{i}基层工会", parent=fed.jinshui)
    for persona in (fed.sysadmin, fed.province_admin, fed.city_admin, fed.liaison, fed.outsider):
        user = User.objects.get(pk=persona.pk)
        listed = len(selectors.organizations_for_user(user))
        assert selectors.num_organizations_for_user(user) == listed, persona.username
    assert selectors.num_organizations_for_user(User.objects.get(pk=fed.city_admin.pk)) == 6


def test_the_count_leaves_the_planner_as_it_was(fed):
    selectors.num_organizations_for_user(User.objects.get(pk=fed.province_admin.pk))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
    assert Organization.objects.count() == 8
