"""The people app's panel on an organisation's page: the organisation's own people, in scope."""

from gonghui.core.panels import panels_for
from gonghui.testing import make_person


def test_the_organisation_page_lists_its_own_people_through_the_people_panel(fed, client_for):
    make_person(fed.zhengzhou, "张建华")
    make_person(fed.grassroots, "李红梅")  # below Zhengzhou: listed on its own page only
    html = client_for(fed.province_admin).get(f"/orgs/{fed.zhengzhou.pk}/").content.decode()
    assert "本组织人员" in html
    assert "张建华" in html
    assert "李红梅" not in html
    assert f"/people/?org={fed.zhengzhou.pk}" in html


def test_the_panel_is_registered_by_the_people_app():
    assert [p.template for p in panels_for("organization_detail")] == [
        "people/_organization_people.html"
    ]
