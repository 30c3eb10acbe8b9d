"""Excel imports of archives and relief records: a template with drop-downs, a preview with
Chinese row errors, nothing written unless every row is valid."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from gonghui.assistance.imports import ARCHIVE_IMPORT, RELIEF_IMPORT
from gonghui.assistance.models import Archive, ReliefRecord
from gonghui.assistance.workflow import Status
from gonghui.core.exceptions import ValidationFailed
from gonghui.testing import valid_id_number

from .factories import make_archive

pytestmark = pytest.mark.django_db


def _rows(schema, rows):
    return [
        {"_row": i, **dict(zip(schema.headers, r, strict=False))} for i, r in enumerate(rows, 2)
    ]


def _archive_row(fed, n, **change):
    row = dict(
        zip(ARCHIVE_IMPORT.headers, [c.example for c in ARCHIVE_IMPORT.columns], strict=True)
    )
    row.update(
        {"所属工会": fed.grassroots.name, "身份证号": valid_id_number(n), "职工姓名": f"王{n}"}
    )
    row.update(change)
    return [row[h] for h in ARCHIVE_IMPORT.headers]


def test_the_template_has_drop_downs_for_tier_and_reason():
    book = load_workbook(io.BytesIO(ARCHIVE_IMPORT.template()))
    rules = book.worksheets[0].data_validations.dataValidation
    lists = " ".join(r.formula1 for r in rules)
    assert "深度困难" in lists and "因病" in lists
    relief = load_workbook(io.BytesIO(RELIEF_IMPORT.template()))
    assert "送温暖慰问" in " ".join(
        r.formula1 for r in relief.worksheets[0].data_validations.dataValidation
    )


def test_a_valid_file_imports_every_row(fed):
    rows = _rows(ARCHIVE_IMPORT, [_archive_row(fed, 8101), _archive_row(fed, 8102)])
    created = ARCHIVE_IMPORT.confirm(by=fed.grassroots_admin, rows=rows)
    assert len(created) == 2
    assert Archive.objects.filter(status=Status.DRAFT).count() == 2


def test_one_bad_row_writes_nothing_and_names_the_row_in_chinese(fed):
    make_archive(fed.grassroots_admin, fed.grassroots, id_number=valid_id_number(8203))
    rows = _rows(
        ARCHIVE_IMPORT,
        [
            _archive_row(fed, 8201),
            _archive_row(fed, 8202, 身份证号="123"),
            _archive_row(fed, 8203),  # already has an open archive
            _archive_row(fed, 8204, 困难类别="很困难"),
            _archive_row(fed, 8201),  # twice in the file
        ],
    )
    before = Archive.objects.count()
    report = ARCHIVE_IMPORT.check(by=fed.grassroots_admin, rows=rows)
    errors = {r.number: r.errors for r in report.error_rows}
    assert set(errors) == {3, 4, 5, 6}
    assert "身份证号" in errors[3][0] and "不能重复建档" in errors[4][0]
    assert "困难类别" in errors[5][0] and "重复" in errors[6][0]
    with pytest.raises(ValidationFailed):
        ARCHIVE_IMPORT.confirm(by=fed.grassroots_admin, rows=rows)
    assert Archive.objects.count() == before


def test_an_outsider_cannot_import_into_another_organisation(fed):
    rows = _rows(ARCHIVE_IMPORT, [_archive_row(fed, 8301)])
    report = ARCHIVE_IMPORT.check(by=fed.outsider, rows=rows)
    assert report.error_rows and "不在您的管理范围内" in report.error_rows[0].errors[0]


def test_relief_rows_go_to_archives_in_scope_only(fed):
    archive = make_archive(
        fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE, id_number=valid_id_number(8401)
    )
    base = dict(zip(RELIEF_IMPORT.headers, [c.example for c in RELIEF_IMPORT.columns], strict=True))
    base["所属组织"] = fed.grassroots.name
    good = {**base, "困难职工身份证号": archive.id_number}
    group = {**base, "人数": 40, "帮扶项目": "免费就业培训", "金额（元）": 0, "物资价值（元）": 0}
    rows = _rows(RELIEF_IMPORT, [[r[h] for h in RELIEF_IMPORT.headers] for r in (good, group)])
    created = RELIEF_IMPORT.confirm(by=fed.grassroots_admin, rows=rows)
    assert [r.archive_id for r in created] == [archive.pk, None]
    assert ReliefRecord.objects.get(archive=archive).amount_fen == 50000
    # The outsider naming the same worker reads exactly like an unknown number.
    outsider_rows = _rows(
        RELIEF_IMPORT,
        [[{**good, "所属组织": fed.loudi_grassroots.name}[h] for h in RELIEF_IMPORT.headers]],
    )
    report = RELIEF_IMPORT.check(by=fed.outsider, rows=outsider_rows)
    assert "没有该身份证号" in " ".join(report.error_rows[0].errors)


def test_the_import_page_previews_then_confirms(fed, client_for):
    book = Workbook()
    sheet = book.active
    sheet.append(ARCHIVE_IMPORT.headers)
    sheet.append(_archive_row(fed, 8501))
    out = io.BytesIO()
    book.save(out)
    client = client_for(fed.grassroots_admin)
    upload = SimpleUploadedFile("档案.xlsx", out.getvalue())
    preview = client.post("/assistance/import/", {"file": upload})
    assert preview.status_code == 200 and Archive.objects.count() == 0
    done = client.post("/assistance/import/", {"confirm": "1"})
    assert done.status_code == 302 and Archive.objects.count() == 1
    template = client.get("/assistance/import/template/")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
