"""Organisation pages: tree, children, detail, create; outsiders get 404."""

from gonghui.organizations.models import Organization


def test_tree_page_shows_visible_roots(fed, client_for, django_assert_max_num_queries):
    client = client_for(fed.province_admin)
    with django_assert_max_num_queries(8):
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


def test_detail_page(fed, client_for, django_assert_max_num_queries):
    client = client_for(fed.province_admin)
    with django_assert_max_num_queries(13):
        response = client.get(f"/orgs/{fed.zhengzhou.pk}/")
    assert response.status_code == 200
    assert "郑州市金水区总工会" in response.content.decode()


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
