"""Excel import: template, preview with row errors in Chinese, nothing written unless all valid."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gonghui.core.exceptions import ValidationFailed
from gonghui.people.models import Person
from gonghui.people.services import IMPORT_HEADERS, check_import, import_people
from gonghui.testing import make_person, valid_id_number


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(IMPORT_HEADERS)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(name, id_number, org="郑州市总工会", **kw):
    return {"_row": kw.pop("n", 2), "姓名": name, "身份证号": id_number, "所属组织": org, **kw}


def test_bad_rows_reported_and_nothing_written(fed):
    existing = make_person(fed.grassroots)
    rows = [
        row("王芳", valid_id_number(), n=2),
        row("李强", "410102198506154510", n=3),
        row("赵敏", existing.id_number, n=4),
        row("孙丽", valid_id_number(), org="不存在的工会", n=5),
        row("周杰", valid_id_number(), org="娄底市总工会", n=6),
    ]
    report = check_import(by=fed.province_admin, rows=rows)
    errors = {r.number: " ".join(r.errors) for r in report.error_rows}
    assert set(errors) == {3, 4, 5, 6}
    assert "校验码" in errors[3]
    assert "已登记" in errors[4]
    assert "未知组织" in errors[5]
    assert "管理范围" in errors[6]
    before = Person.objects.count()
    with pytest.raises(ValidationFailed):
        import_people(by=fed.province_admin, rows=rows)
    assert Person.objects.count() == before


def test_duplicate_within_file(fed):
    number = valid_id_number()
    report = check_import(
        by=fed.province_admin, rows=[row("甲", number, n=2), row("乙", number, n=3)]
    )
    assert [r.number for r in report.error_rows] == [3]
    assert "第 2 行重复" in report.error_rows[0].errors[0]


def test_valid_file_imports_everything(fed):
    rows = [row(f"职工{i}", valid_id_number(), n=i + 2, 标签="志愿者") for i in range(5)]
    people = import_people(by=fed.province_admin, rows=rows)
    assert len(people) == 5
    assert Person.objects.filter(is_volunteer=True, org_path=fed.zhengzhou.path).count() == 5


def test_import_pages_preview_then_confirm(fed, client_for):
    client = client_for(fed.province_admin)
    assert client.get("/people/import/template/").status_code == 200
    content = xlsx([["王芳", valid_id_number(), "13912345678", "郑州市总工会", "", "", "", ""]])
    response = client.post("/people/import/", {"file": SimpleUploadedFile("人员.xlsx", content)})
    assert "全部通过检查" in response.content.decode()
    assert not Person.objects.filter(name="王芳").exists()
    response = client.post("/people/import/", {"confirm": "1"})
    assert response.status_code == 302
    assert Person.objects.filter(name="王芳").exists()


def test_import_page_shows_row_errors(fed, client_for):
    content = xlsx([["王芳", "123", "", "郑州市总工会", "", "", "", ""]])
    response = client_for(fed.province_admin).post(
        "/people/import/", {"file": SimpleUploadedFile("人员.xlsx", content)}
    )
    html = response.content.decode()
    assert "未写入任何数据" in html and "18位" in html


def test_import_refuses_non_excel_content(fed, client_for):
    response = client_for(fed.province_admin).post(
        "/people/import/", {"file": SimpleUploadedFile("人员.xlsx", b"<html>oops</html>")}
    )
    assert "内容不是允许的类型" in response.content.decode()


def test_every_example_row_of_the_template_passes_the_import_validation(fed, client_for):
    from gonghui.core.spreadsheets import read_rows

    response = client_for(fed.province_admin).get("/people/import/template/")
    assert response.status_code == 200
    rows = read_rows(io.BytesIO(response.content), headers=IMPORT_HEADERS)
    assert rows, "the template carries at least one example row"
    report = check_import(by=fed.province_admin, rows=rows)
    assert [r.errors for r in report.rows] == [[] for _ in rows]


def test_traditional_organisation_names_are_found_like_simplified_ones(fed):
    report = check_import(
        by=fed.province_admin, rows=[row("王芳", valid_id_number(), org="鄭州市總工會")]
    )
    assert report.rows[0].errors == []
    assert report.rows[0].data["organization"] == fed.zhengzhou
