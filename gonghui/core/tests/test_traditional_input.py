"""Traditional-character input is converted once at the edge, for pages, the API and imports."""

import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from openpyxl import Workbook

from gonghui.activities.tests.factories import make_activity
from gonghui.core.textinput import SimplifiedInputMiddleware, simplify_data
from gonghui.organizations.models import Organization
from gonghui.people.services import IMPORT_HEADERS
from gonghui.testing import valid_id_number


def _through_middleware(request):
    seen = {}

    def view(req):
        seen["GET"], seen["POST"] = req.GET, req.POST
        return None

    SimplifiedInputMiddleware(view)(request)
    return seen


def test_query_string_and_form_fields_are_simplified_but_secrets_are_not():
    factory = RequestFactory()
    seen = _through_middleware(
        factory.post(
            "/x/?q=鄭州市總工會",
            {"name": "機關工會", "password": "密碼機關1", "csrfmiddlewaretoken": "abc"},
        )
    )
    assert seen["GET"]["q"] == "郑州市总工会"
    assert seen["POST"]["name"] == "机关工会"
    assert seen["POST"]["password"] == "密碼機關1"
    assert seen["POST"]["csrfmiddlewaretoken"] == "abc"


def test_json_bodies_are_simplified_recursively():
    assert simplify_data({"title": "讀書會", "items": [{"name": "誌願者"}], "n": 3}) == {
        "title": "读书会",
        "items": [{"name": "志愿者"}],
        "n": 3,
    }


def test_organisation_search_accepts_traditional_characters(fed, client_for):
    client = client_for(fed.province_admin)
    page = client.get("/orgs/", {"q": "鄭州市總工會"}).content.decode()
    assert "郑州市总工会" in page


def test_activity_search_and_form_accept_traditional_characters(fed, client_for):
    make_activity(fed.province_admin, organization=fed.henan, title="职工读书分享会")
    client = client_for(fed.province_admin)
    page = client.get("/activities/", {"q": "讀書分享"}).content.decode()
    assert "职工读书分享会" in page


def test_api_create_stores_simplified_text(fed, client_for):
    client = client_for(fed.province_admin)
    response = client.post(
        "/api/v1/organizations/",
        data=json.dumps(
            {
                "name": "鄭州市惠濟區總工會",
                "short_name": "惠濟區總工會",
                "kind": Organization.Kind.COUNTY.value,
                "parent_id": fed.zhengzhou.pk,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code in (200, 201), response.content
    created = Organization.objects.get(name="郑州市惠济区总工会")
    assert created.short_name == "惠济区总工会"


def test_people_import_accepts_a_traditional_organisation_name(fed, client_for):
    wb = Workbook()
    ws = wb.active
    ws.append(IMPORT_HEADERS)
    values = {"姓名": "王芳", "身份证号": valid_id_number(), "所属组织": "鄭州市總工會"}
    ws.append([values.get(h, "") for h in IMPORT_HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    upload = SimpleUploadedFile(
        "people.xlsx",
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    client = client_for(fed.province_admin)
    page = client.post("/people/import/", {"file": upload}).content.decode()
    assert "未知组织" not in page
    assert "王芳" in page
