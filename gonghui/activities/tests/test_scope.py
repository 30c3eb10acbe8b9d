"""An outsider sees nothing of another subtree's activities, in pages and the API."""

from gonghui.activities import selectors

from .factories import make_activity


def test_outsider_sees_nothing(fed, client_for):
    activity = make_activity(fed.province_admin, organization=fed.grassroots, title="金水读书会")
    assert not selectors.activities_for_user(fed.outsider).exists()
    assert selectors.activity_statistics(fed.outsider).totals["num_activities"] == 0
    client = client_for(fed.outsider)
    assert "金水读书会" not in client.get("/activities/").content.decode()
    assert client.get(f"/activities/{activity.pk}/").status_code == 404
    assert client.get(f"/activities/{activity.pk}/edit/").status_code == 404
    assert client.get("/api/v1/activities/").json()["count"] == 0
    assert client.get(f"/api/v1/activities/{activity.pk}").status_code == 404
    stats = client.get("/api/v1/activities/statistics").json()
    assert stats["totals"]["num_activities"] == 0


def test_liaison_sees_own_department_only(fed):
    make_activity(fed.province_admin, organization=fed.henan, department=fed.basic_work_dept)
    make_activity(fed.province_admin, organization=fed.henan, department=fed.publicity_dept)
    assert selectors.activities_for_user(fed.liaison).count() == 1
    stats = selectors.activity_statistics(fed.liaison)
    assert stats.source == "activities"
    assert stats.totals["num_activities"] == 1


def test_api_lists_and_creates(fed, client_for):
    from gonghui.activities.models import ActivityType

    client = client_for(fed.province_admin)
    response = client.post(
        "/api/v1/activities/",
        {
            "title": "线上答题",
            "activity_type_id": ActivityType.objects.get(code="online_quiz").pk,
            "organization_id": fed.henan.pk,
            "start_date": "2020-05-20",
            "reach": 24000,
            "attendances": 7207,
            "money": "0.10",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["money"] == "0.10"
    assert client.get("/api/v1/activities/").json()["count"] == 1
