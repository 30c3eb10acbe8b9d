"""分工 names departments, units, a leader and a liaison: on the page and in the API each is
resolved within the user's scope under the campaign's organisation, never from a truncated list,
and anything else is "not found" without its name."""

import pytest
from django.urls import reverse

from gonghui.campaigns.models import Assignment
from gonghui.organizations.models import Department
from gonghui.testing import make_department, make_person, make_user

from .factories import indicator


@pytest.fixture
def loudi_liaison(fed):
    return make_user(
        "loudi_liaison", org=fed.loudi, role=fed.roles["liaison"], display_name="娄底联络员甲"
    )


def _post_page(client, campaign, **data):
    url = reverse("campaigns:assign", args=[campaign.pk])
    return client.post(url, {"indicators": [indicator(campaign, "01").pk], **data})


def test_assigning_a_department_on_the_page_works(fed, campaign, client_for):
    response = _post_page(
        client_for(fed.province_admin),
        campaign,
        departments=[fed.basic_work_dept.pk],
        liaison=f"liaison #{fed.liaison.pk}",
    )
    assert response.status_code == 302
    made = Assignment.objects.filter(campaign=campaign, department=fed.basic_work_dept)
    assert made.count() == 2  # the two leaves of 01
    assert {a.liaison_id for a in made} == {fed.liaison.pk}


def test_a_department_beyond_the_first_three_hundred_can_be_chosen(fed, campaign, client_for):
    Department.objects.bulk_create(
        Department(organization=fed.henan, org_path=fed.henan.path, name=f"第{i:03d}部")
        for i in range(310)
    )
    last = Department.objects.filter(organization=fed.henan).order_by("org_path", "-pk").first()
    response = _post_page(client_for(fed.province_admin), campaign, departments=[last.pk])
    assert response.status_code == 302
    assert Assignment.objects.filter(department=last).exists()


def test_the_page_lists_no_departments_or_users_but_searches_them(fed, campaign, client_for):
    html = (
        client_for(fed.province_admin)
        .get(reverse("campaigns:assign", args=[campaign.pk]))
        .content.decode()
    )
    form = html.split('<form method="post" class="card">')[1].split("</form>")[0]
    assert "宣传教育部" not in form and "<select" not in form
    assert f"/pickers/department/?within={fed.henan.pk}" in html
    assert "/pickers/user/?within=" in html and "role=liaison" in html


def test_out_of_scope_department_and_liaison_are_refused_without_their_names(
    fed, campaign, client_for, loudi_liaison
):
    secret = make_department(fed.loudi, "娄底保密部")
    response = _post_page(
        client_for(fed.province_admin),
        campaign,
        departments=[secret.pk],
        liaison=str(loudi_liaison.pk),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"找不到编号为 {secret.pk} 的记录，或不在您的管理范围内" in html
    assert "找不到该记录，或不在您的管理范围内" in html
    assert "娄底保密部" not in html and "娄底联络员甲" not in html and "loudi_liaison" not in html
    assert not Assignment.objects.filter(campaign=campaign).exists()


def _api(client, campaign, **body):
    return client.post(
        f"/api/v1/campaigns/{campaign.pk}/assignments",
        {"indicator_ids": [indicator(campaign, "01").pk], **body},
        content_type="application/json",
    )


def test_api_assigns_within_scope(fed, campaign, client_for):
    leader = make_person(fed.henan, name="河南领导")
    from gonghui.organizations.models import Post

    leader.post = Post.objects.create(name="主席", is_leadership=True)
    leader.save()
    response = _api(
        client_for(fed.province_admin),
        campaign,
        department_ids=[fed.basic_work_dept.pk],
        leader_id=leader.pk,
        liaison_id=fed.liaison.pk,
    )
    assert response.status_code == 201, response.json()
    assert {(r["leader_id"], r["liaison_id"]) for r in response.json()} == {
        (leader.pk, fed.liaison.pk)
    }


@pytest.mark.parametrize("which", ["other province", "missing"])
def test_api_refuses_a_liaison_outside_the_scope_like_a_missing_one(
    fed, campaign, client_for, loudi_liaison, which
):
    pk = loudi_liaison.pk if which == "other province" else 987654
    response = _api(
        client_for(fed.province_admin),
        campaign,
        department_ids=[fed.basic_work_dept.pk],
        liaison_id=pk,
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": f"找不到编号为 {pk} 的记录，或不在您的管理范围内",
        "code": "ValidationFailed",
        "field": "liaison_id",
    }
    assert not Assignment.objects.filter(campaign=campaign).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"department_ids": ["loudi_dept"]},
        {"organization_ids": ["loudi"]},
        {"department_ids": ["basic"], "leader_id": "loudi_person"},
    ],
)
def test_api_refuses_other_references_outside_the_scope(fed, campaign, client_for, body):
    ids = {
        "loudi_dept": make_department(fed.loudi, "娄底部门").pk,
        "loudi": fed.loudi.pk,
        "basic": fed.basic_work_dept.pk,
        "loudi_person": make_person(fed.loudi, name="娄底某人").pk,
    }
    body = {k: ids[v] if isinstance(v, str) else [ids[i] for i in v] for k, v in body.items()}
    response = _api(client_for(fed.province_admin), campaign, **body)
    assert response.status_code == 400
    assert "不在您的管理范围内" in response.json()["detail"]
    assert "娄底" not in response.content.decode()
    assert not Assignment.objects.filter(campaign=campaign).exists()
