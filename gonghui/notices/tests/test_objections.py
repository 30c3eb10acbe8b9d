"""Objections: a real name and a checked phone; read only by the notice organisation's
handling staff, never by its parents, its children or outsiders."""

import pytest
from django.urls import reverse

from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.notices import selectors, services, signals
from gonghui.notices.models import Objection

from .factories import make_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def objection(fed):
    notice = make_notice(fed)
    entry = notice.entries.get(position=1)
    return services.lodge_objection(
        notice=notice,
        name="李秘密",
        phone="13912345678",
        content="该同志事迹材料有虚报",
        entry_id=entry.pk,
    )


def test_the_phone_is_checked_and_the_name_required(fed):
    notice = make_notice(fed)
    with pytest.raises(ValidationFailed):
        services.lodge_objection(notice=notice, name="李四", phone="12345", content="x")
    with pytest.raises(ValidationFailed):
        services.lodge_objection(notice=notice, name=" ", phone="13800001111", content="x")


def test_only_the_notice_organisations_handlers_see_it(fed, objection):
    assert list(selectors.objections_for_user(fed.grassroots_admin)) == [objection]
    for other in (fed.province_admin, fed.city_admin, fed.leader, fed.outsider, fed.liaison):
        assert not selectors.objections_for_user(other).exists(), other
        with pytest.raises(Exception, match="不存在"):
            selectors.get_objection_for_user(other, objection.pk)


def test_other_users_get_404_on_the_pages(fed, objection, client_for):
    url = reverse("notices:objection", args=[objection.pk])
    assert client_for(fed.province_admin).get(url).status_code == 404
    response = client_for(fed.grassroots_admin).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "13912345678" not in body and "139****5678" in body
    assert "李秘密" not in body


def test_the_list_shows_the_phone_masked(fed, objection, client_for):
    body = client_for(fed.grassroots_admin).get(reverse("notices:objections")).content.decode()
    assert "139****5678" in body and "13912345678" not in body
    body = client_for(fed.province_admin).get(reverse("notices:objections")).content.decode()
    assert "139****5678" not in body


def test_revealing_the_phone_is_audited(fed, objection, client_for):
    from gonghui.core.models import AuditEntry

    url = reverse("notices:objection_reveal", args=[objection.pk])
    assert client_for(fed.outsider).post(url).status_code == 404
    response = client_for(fed.grassroots_admin).post(url)
    assert "13912345678" in response.content.decode()
    assert AuditEntry.objects.filter(action="view_sensitive", target_id=str(objection.pk)).exists()


def test_closing_tells_the_owning_app_the_outcome(
    fed, objection, django_capture_on_commit_callbacks
):
    heard = []
    signals.objection_closed.connect(
        lambda sender, outcome, ref_id, **kw: heard.append((outcome, ref_id)), weak=False
    )
    with pytest.raises(PermissionDenied):
        services.close_objection(
            objection=objection, by=fed.province_admin, outcome="upheld", finding="x", answer="y"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.close_objection(
            objection=objection,
            by=fed.grassroots_admin,
            outcome="upheld",
            finding="经核实，事迹材料存在虚报",
            answer="撤销其推荐资格",
        )
    assert heard == [("upheld", 11)]
    assert Objection.objects.get(pk=objection.pk).status == "closed"
