"""Organisation pages: tree, children, detail, create; outsiders get 404."""

from gonghui.organizations.models import Organization
from gonghui.testing import assert_constant_queries, make_department, make_org, make_person


def test_tree_page_shows_visible_roots(fed, client_for):
    client = client_for(fed.province_admin)
    response = client.get("/orgs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "河南省总工会" in html
    assert "中华全国总工会" not in html


def test_children_partial(fed, client_for):
    response = client_for(fed.province_admin).get(f"/orgs/{fed.henan.pk}/children/")
    assert "郑州市总工会" in response.content.decode()


def test_detail_of_other_subtree_is_404(fed, client_for):
    response = client_for(fed.outsider).get(f"/orgs/{fed.zhengzhou.pk}/")
    assert response.status_code == 404


def test_detail_page(fed, client_for):
    client = client_for(fed.province_admin)
    response = client.get(f"/orgs/{fed.zhengzhou.pk}/")
    assert response.status_code == 200
    assert "郑州市金水区总工会" in response.content.decode()


def test_tree_queries_do_not_grow_with_roots(fed, client_for):
    def more(indices):
        return [make_org(f"第{i}总工会").name for i in indices]

    html = assert_constant_queries(
        client_for(fed.sysadmin), "/orgs/", more, most=8
    ).content.decode()
    assert "中华全国总工会" in html


def test_children_queries_do_not_grow_with_children(fed, client_for):
    def more(indices):
        return [make_org(f"河南第{i}基层工会", parent=fed.henan).name for i in indices]

    client = client_for(fed.province_admin)
    assert_constant_queries(client, f"/orgs/{fed.henan.pk}/children/", more)


def test_search_queries_do_not_grow_with_results(fed, client_for):
    def more(indices):
        return [make_org(f"郑州第{i}机械厂工会", parent=fed.zhengzhou).name for i in indices]

    client = client_for(fed.province_admin)
    assert_constant_queries(client, "/orgs/", more, params={"q": "机械厂"})


def test_detail_queries_do_not_grow_with_children_departments_and_people(fed, client_for):
    def more(indices):
        shown = []
        for i in indices:
            shown.append(make_org(f"郑州第{i}区总工会", parent=fed.zhengzhou).name)
            shown.append(make_department(fed.zhengzhou, f"第{i}工作部").name)
            shown.append(make_person(fed.zhengzhou, name=f"郑{'一二三四五六七八'[i]}").name)
        return shown

    client = client_for(fed.province_admin)
    assert_constant_queries(client, f"/orgs/{fed.zhengzhou.pk}/", more, most=13)


def test_create_child(fed, client_for):
    client = client_for(fed.city_admin)
    response = client.post(
        f"/orgs/{fed.zhengzhou.pk}/new/", {"name": "郑州市管城区总工会", "kind": "county"}
    )
    assert response.status_code == 302
    org = Organization.objects.get(name="郑州市管城区总工会")
    assert org.path.startswith(fed.zhengzhou.path)
    assert org.depth == fed.zhengzhou.depth + 1


def test_liaison_cannot_create(fed, client_for):
    response = client_for(fed.liaison).post(
        f"/orgs/{fed.henan.pk}/new/", {"name": "x", "kind": "county"}
    )
    assert response.status_code == 404


def test_login_required(client):
    assert client.get("/orgs/").status_code == 302
