"""The Excel import of paper batches: read streamed from the workbook, every row checked with
Chinese errors at its Excel row number, written all or nothing; the tight loop accepts exactly
what the general answer rules accept."""

import io
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gonghui.core.exceptions import ValidationFailed
from gonghui.surveys import imports, selectors
from gonghui.surveys.models import Response, TextAnswer

from .factories import make_survey

pytestmark = pytest.mark.django_db


def workbook(schema, rows, *, headers=None) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(headers or schema.headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("paper.xlsx", out.getvalue())


def test_a_batch_is_read_checked_and_written_with_its_counts(fed):
    survey = make_survey(fed)
    schema = imports.PaperImport(survey)
    upload = workbook(
        schema,
        [
            ["合肥晚报", "群众", "合肥", "", "123", 1, None],
            [
                "合肥晚报",
                "学生",
                "臺北",
                "",
                "412",
                None,
                "窗口排队太长",
            ],  # traditional → simplified
            [None, None, None, None, None, None, None],  # an empty line is skipped
            [None, "职工", None, None, "222", "3", None],
        ],
    )
    rows = imports.read_paper_upload(upload, schema)
    assert imports.import_paper(by=fed.province_admin, survey=survey, schema=schema, rows=rows) == 3
    stored = list(Response.objects.filter(survey=survey).order_by("pk"))
    assert [r.region for r in stored] == ["合肥", "台北", ""]
    assert stored[1].answers[next(iter(stored[1].answers))] == "412"
    assert {r.source for r in stored} == {"import"}
    assert list(TextAnswer.objects.values_list("text", flat=True)) == ["窗口排队太长"]
    assert TextAnswer.objects.get().response == stored[1]
    for dimension in ("", "identity", "region", "channel", "day"):
        assert selectors.counts(survey, dimension=dimension) == selectors.recount_from_rows(
            survey, dimension=dimension
        ), dimension


def test_bad_rows_are_reported_at_their_excel_row_and_nothing_is_written(fed):
    survey = make_survey(fed)
    schema = imports.PaperImport(survey)
    upload = workbook(
        schema,
        [
            ["合肥晚报", "群众", "", "", "123", None, None],
            ["晨报", "群众", "", "", "123", None, None],
            ["合肥晚报", "外星人", "", "", "129", None, None],
            ["合肥晚报", "群众", "", "", "1-3", None, None],
            ["合肥晚报", "群众", "", "", "123", 7, None],
        ],
    )
    with pytest.raises(ValidationFailed) as caught:
        imports.read_paper_upload(upload, schema)
    assert caught.value.message == "导入文件有错误，未写入任何数据"
    errors = {e["row"]: e["errors"] for e in caught.value.errors}
    assert errors == {
        3: ["渠道“晨报”不是本问卷的渠道"],
        4: ["身份“外星人”无效", "选项无效：服务态度"],
        5: ["请逐项作答：服务态度"],
        6: ["选项无效：您了解本次活动的途径"],
    }
    assert not Response.objects.filter(survey=survey).exists()


def test_a_sheet_without_the_template_header_is_refused(fed):
    survey = make_survey(fed)
    schema = imports.PaperImport(survey)
    upload = workbook(schema, [["合肥晚报"]], headers=["渠道", "身份"])
    with pytest.raises(ValidationFailed, match="表头缺少列"):
        imports.read_paper_upload(upload, schema)
    good = workbook(schema, [["合肥晚报", "群众", "", "", "123", 1, None]]).read()
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<worksheet><row" if "worksheets/" in item.filename else data)
    with pytest.raises(ValidationFailed, match="无法读取"):
        imports.read_paper_upload(SimpleUploadedFile("x.xlsx", broken.getvalue()), schema)
    with pytest.raises(ValidationFailed, match="无法读取"):
        list(imports.stream_sheet(io.BytesIO(b"not a workbook")))


def test_the_tight_loop_accepts_exactly_what_the_answer_rules_accept(fed):
    survey = make_survey(fed)
    schema = imports.PaperImport(survey)
    rng = random.Random(3)
    pool = {
        "channel": ["合肥晚报", "", None, "晨报", "合肥晚報"],
        "identity": ["群众", "学生", "", None, "外星人"],
        "region": ["合肥", "", None, 12],
        "grid": ["123", "4-1", "---", "12", "1234", "12x", None, "", 123, 1.0, "1-3"],
        "single": [1, "2", "3", 3.0, 7, None, "", "a"],
        "text": [None, "", "  意见  ", 5, "建議"],
    }
    rows = []
    for n in range(600):
        rows.append(
            {
                "_row": n + 2,
                "渠道": rng.choice(pool["channel"]),
                "身份": rng.choice(pool["identity"]),
                "地区": rng.choice(pool["region"]),
                "行业": None,
                schema.question_headers[0]: rng.choice(pool["grid"]),
                schema.question_headers[1]: rng.choice(pool["single"]),
                schema.question_headers[2]: rng.choice(pool["text"]),
            }
        )
    expected_rows, expected_errors = [], []
    for raw in rows:
        row, problems = schema._check_row([raw.get(h) for h in schema.headers])
        if problems:
            expected_errors.append({"row": raw["_row"], "errors": problems})
        else:
            expected_rows.append(row)
    assert expected_rows and expected_errors
    with pytest.raises(ValidationFailed) as caught:
        schema.check(rows)
    assert caught.value.errors == expected_errors
    good = [raw for raw in rows if raw["_row"] not in {e["row"] for e in expected_errors}]
    assert schema.check(good) == expected_rows


def test_the_import_page_takes_a_workbook(fed, client):
    survey = make_survey(fed)
    schema = imports.PaperImport(survey)
    client.force_login(fed.province_admin)
    page = client.get(f"/surveys/{survey.pk}/import/?template=1")
    assert page.status_code == 200
    upload = workbook(schema, [["合肥晚报", "群众", "", "", "112", 2, None]] * 3)
    response = client.post(f"/surveys/{survey.pk}/import/", {"file": upload})
    assert response.status_code == 302
    assert Response.objects.filter(survey=survey).count() == 3
