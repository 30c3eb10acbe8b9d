"""Framework files are judged by their content (YAML text or an Excel workbook), not their name."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.campaigns import frameworks
from gonghui.campaigns.models import FrameworkVersion
from gonghui.core.exceptions import ValidationFailed

from .factories import SMALL_YAML, make_version, png_bytes

pytestmark = pytest.mark.django_db

BOMB = "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)


def _post(client, name: str, content: bytes, **extra):
    upload = SimpleUploadedFile(name, content)
    return client.post("/campaigns/frameworks/import/", {"file": upload, "kind": "unit", **extra})


def _xlsx() -> bytes:
    return frameworks.export_excel(make_version())


def test_yaml_page_import_still_works(fed, client_for):
    response = _post(client_for(fed.province_admin), "体系.yaml", SMALL_YAML.encode())
    assert response.status_code == 302
    assert FrameworkVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("体系.yaml", png_bytes(), "内容不是允许的类型"),
        ("体系.xlsx", SMALL_YAML.encode(), "内容不是允许的类型"),
        ("体系.yaml", b"%PDF-1.4\n" + b"\x00\x01" * 64, "内容不是允许的类型"),
        ("体系.yml", "framework: {code: x}\n".encode("gbk") + "名称：测评".encode("gbk"), "UTF-8"),
        ("体系.yaml", BOMB.encode(), "别名"),
    ],
)
def test_page_refuses_files_whose_content_is_not_a_framework_file(
    fed, client_for, name, content, message
):
    response = _post(client_for(fed.province_admin), name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FrameworkVersion.objects.exists()


def test_excel_content_named_yaml_is_refused(fed, client_for):
    content = _xlsx()
    versions = FrameworkVersion.objects.count()
    response = _post(client_for(fed.province_admin), "体系.yaml", content)
    assert "扩展名与内容不符" in response.content.decode()
    assert FrameworkVersion.objects.count() == versions


def test_api_accepts_only_yaml_content(fed, client_for):
    client = client_for(fed.province_admin)
    url = "/api/v1/campaigns/frameworks/import"
    response = client.post(url, {"file": SimpleUploadedFile("体系.yaml", png_bytes())})
    assert response.status_code == 400
    assert "内容不是允许的类型" in response.json()["detail"]
    response = client.post(url, {"file": SimpleUploadedFile("体系.xlsx", _xlsx())})
    assert response.status_code == 400
    assert FrameworkVersion.objects.count() == 1  # only the one built for the workbook
    response = client.post(url, {"file": SimpleUploadedFile("体系.yaml", SMALL_YAML.encode())})
    assert response.status_code == 201


def test_yaml_aliases_are_refused_before_expanding():
    with pytest.raises(ValidationFailed) as exc:
        frameworks.parse_yaml(BOMB)
    assert "别名" in exc.value.message
