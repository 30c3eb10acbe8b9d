"""Moving an organisation re-paths its subtree and every record that copies the path."""

import pytest

from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.models import AuditEntry
from gonghui.organizations.models import Organization
from gonghui.organizations.services import move_organization
from gonghui.people.models import Person
from gonghui.testing import make_org, make_person


def test_move_repaths_subtree_and_people(fed):
    person = make_person(fed.grassroots, name="李明")
    nanyang = make_org("南阳市总工会", parent=fed.henan, kind=Organization.Kind.CITY)
    moved = move_organization(by=fed.province_admin, organization=fed.jinshui, new_parent=nanyang)
    assert moved.path.startswith(nanyang.path)
    grassroots = Organization.objects.get(pk=fed.grassroots.pk)
    assert grassroots.path.startswith(moved.path)
    assert grassroots.depth == moved.depth + 1
    assert Person.objects.get(pk=person.pk).org_path == grassroots.path
    assert Organization.objects.get(pk=nanyang.pk).num_children == 1
    assert Organization.objects.get(pk=fed.zhengzhou.pk).num_children == 0
    assert AuditEntry.objects.filter(action="move", target_id=str(fed.jinshui.pk)).exists()


def test_cannot_move_under_own_descendant(fed):
    with pytest.raises(ValidationFailed, match="下级"):
        move_organization(by=fed.sysadmin, organization=fed.zhengzhou, new_parent=fed.grassroots)


def test_outsider_cannot_move(fed):
    with pytest.raises(PermissionDenied):
        move_organization(by=fed.outsider, organization=fed.jinshui, new_parent=fed.henan)


def test_move_page(fed, client_for):
    client = client_for(fed.province_admin)
    nanyang = make_org("南阳市总工会", parent=fed.henan, kind=Organization.Kind.CITY)
    response = client.post(f"/orgs/{fed.jinshui.pk}/move/", {"new_parent": nanyang.pk})
    assert response.status_code == 302
    assert Organization.objects.get(pk=fed.jinshui.pk).parent_id == nanyang.pk
