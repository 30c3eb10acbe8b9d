"""The assistance demo: every archive belongs to a person of the people register in the
archive's own grassroots union, and the statistics page states the seeds' figures."""

import pytest
from django.contrib.auth import get_user_model

from gonghui.accounts import demo as accounts_demo
from gonghui.assistance import demo
from gonghui.assistance.models import Archive
from gonghui.core.demodata import DemoContext
from gonghui.organizations import demo as organizations_demo
from gonghui.organizations.models import Organization
from gonghui.people import demo as people_demo
from gonghui.people.models import Person


def _page(client, username, query=""):
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(f"/assistance/statistics/{query}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.slow
def test_demo_archives_are_people_of_their_union_and_statistics_state_the_seeds(db, client):
    # One load for both checks: the organisations and people the archives stand on take a while.
    ctx = DemoContext()
    for module in (organizations_demo, people_demo, accounts_demo, demo):
        module.load(ctx)
    archives = list(Archive.objects.select_related("person", "organization"))
    assert len(archives) == demo.HOUSEHOLDS + 40 + 8
    for archive in archives:
        person = archive.person
        assert person is not None, archive.number
        assert (person.name, person.id_number) == (archive.worker_name, archive.id_number)
        assert person.organization_id == archive.organization_id
        assert archive.organization.kind == Organization.Kind.GRASSROOTS
    loudi = Organization.objects.get(name="娄底市总工会")
    assert Archive.objects.filter(org_path__startswith=loudi.path).count() == demo.HOUSEHOLDS
    # Established archives make their holders 困难职工 in the register.
    established = Archive.objects.filter(org_path__startswith=loudi.path).values("person_id")
    assert not Person.objects.filter(pk__in=established, is_needy=False).exists()

    page = _page(client, "loudi-helper", "?start=2016-01-01&end=2016-12-31")
    for figure in (
        "126",  # enterprises visited
        "426",  # households
        "137.26万元",  # 慰问金
        "619.6万元",  # 助学
        "2,541",  # students
        "1,236",  # trained
        "692",  # tickets
        "29 / 336 / 25",  # 劳模 慰问 by level
        "45万元",
        "136万元",
        "57万元",
    ):
        assert figure in page, figure
    page = _page(client, "guangyuan-helper", "?start=2024-01-01&end=2024-12-31")
    assert "863.4万元" in page  # goods, besides 4万元 cash to the 40 households on the list
    assert "1.7万" in page or "1.69万" in page
