"""Activity pages: list, statistics, detail, record, export, import; query counts bounded."""

import datetime as dt
import io

from openpyxl import load_workbook

from gonghui.activities.models import Activity
from gonghui.testing import assert_constant_queries

from .factories import activity_type, make_activity


def _some(fed, n=5):
    for i in range(n):
        make_activity(
            fed.province_admin,
            organization=fed.henan if i % 2 else fed.zhengzhou,
            department=fed.basic_work_dept if i % 2 else None,
            title=f"活动{i}",
            attendances=10 * i,
            start=dt.date(2019 + i // 12, 1 + i % 12, 5),
        )


def _numbered(fed, indices):
    """Activity i in month i of 2019, alternating between a province department and a city."""
    for i in indices:
        make_activity(
            fed.province_admin,
            organization=fed.henan if i % 2 else fed.zhengzhou,
            department=fed.basic_work_dept if i % 2 else None,
            title=f"活动{i}",
            attendances=10 * i,
            start=dt.date(2019, 1 + i, 5),
        )


def test_list_page_queries_do_not_grow_with_activities(fed, client_for):
    def more(indices):
        _numbered(fed, indices)
        return [f"活动{i}" for i in indices]

    client = client_for(fed.province_admin)
    response = assert_constant_queries(
        client, "/activities/", more, params={"type": activity_type("reading").pk}, most=11
    )
    assert "共 4 项活动" in response.content.decode()


def test_list_page_shows_the_count_and_latest(fed, client_for):
    _some(fed, 25)
    response = client_for(fed.province_admin).get(
        "/activities/", {"type": activity_type("reading").pk}
    )
    html = response.content.decode()
    assert "共 25 项活动" in html
    assert "活动24" in html


def test_statistics_page_queries_do_not_grow_with_months_and_departments(fed, client_for):
    def more(indices):
        _numbered(fed, indices)
        return [f"2019-{1 + i:02d}" for i in indices]

    client = client_for(fed.province_admin)
    html = assert_constant_queries(
        client, "/activities/statistics/", more, most=13
    ).content.decode()
    assert "chart-data" in html
    assert "echarts-5.6.0.min.js" in html


def test_filters_by_subtree_and_period(fed, client_for):
    _some(fed, 6)
    client = client_for(fed.province_admin)
    html = client.get(
        "/activities/", {"org": fed.zhengzhou.pk, "from": "2019-01-01", "to": "2019-03-31"}
    ).content.decode()
    assert "共 2 项活动" in html


def test_record_activity_with_money(fed, client_for):
    client = client_for(fed.liaison)
    response = client.post(
        "/activities/new/",
        {
            "title": "爱心捐书",
            "activity_type": activity_type("volunteer").pk,
            "organization": str(fed.henan.pk),
            "department": fed.basic_work_dept.pk,
            "start_date": "2020-05-15",
            "money": "5880.00",
            "items": "672",
            "items_unit": "本",
            "participants": "0",
            "attendances": "0",
            "sessions": "0",
            "reach": "0",
            "awards": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(title="爱心捐书")
    assert activity.money_fen == 588000
    assert activity.department == fed.basic_work_dept
    detail = client.get(f"/activities/{activity.pk}/").content.decode()
    assert "¥5,880.00" in detail


def test_liaison_cannot_record_for_another_department(fed, client_for):
    import pytest

    from gonghui.activities import services
    from gonghui.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_activity(
            by=fed.liaison,
            title="x",
            organization=fed.henan,
            department=fed.publicity_dept,
            activity_type=activity_type("lecture"),
            start_date=dt.date(2020, 5, 1),
        )


def test_export_has_exact_money(fed, client_for):
    from decimal import Decimal

    make_activity(fed.province_admin, organization=fed.henan, money=Decimal("5880.10"))
    response = client_for(fed.province_admin).get("/activities/export/")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "活动名称"
    assert Decimal(str(rows[1][10])) == Decimal("5880.10")


def test_photo_upload_checks_content(fed, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = make_activity(fed.province_admin, organization=fed.henan)
    client = client_for(fed.province_admin)
    fake = SimpleUploadedFile("photo.jpg", b"not really a jpeg", content_type="image/jpeg")
    client.post(f"/activities/{activity.pk}/photos/", {"photos": [fake]})
    assert activity.photos.count() == 0
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    client.post(
        f"/activities/{activity.pk}/photos/",
        {"photos": [SimpleUploadedFile("p.png", png, content_type="image/png")]},
    )
    photo = activity.photos.get()
    assert client.get(f"/activities/{activity.pk}/photos/{photo.pk}/").status_code == 200
    assert (
        client_for(fed.outsider).get(f"/activities/{activity.pk}/photos/{photo.pk}/").status_code
        == 404
    )


def test_import_page_preview_and_confirm(fed, client_for):
    from .test_import import GOOD, _xlsx

    client = client_for(fed.province_admin)
    upload = _xlsx([GOOD])
    upload.name = "活动.xlsx"
    response = client.post("/activities/import/", {"file": upload})
    assert "全部通过检查" in response.content.decode()
    response = client.post("/activities/import/", {"confirm": "1"})
    assert response.status_code == 302
    assert Activity.objects.count() == 1
