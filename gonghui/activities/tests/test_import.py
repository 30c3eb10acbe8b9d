"""Excel import: a bad row writes nothing; good files import every row with roll-ups."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from gonghui.activities import selectors, services
from gonghui.activities.models import Activity
from gonghui.core.exceptions import ValidationFailed
from gonghui.core.spreadsheets import read_rows


def _xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(services.IMPORT_HEADERS)
    for row in rows:
        ws.append([row.get(h, "") for h in services.IMPORT_HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


GOOD = {
    "活动名称": "爱心捐书",
    "活动类型": "志愿服务",
    "组织单位": "河南省总工会",
    "部门": "基层工作部",
    "开始日期": "2020-05-15",
    "金额（元）": "5880.00",
    "物品数量": 672,
    "物品单位": "本",
}


def _rows(rows):
    return read_rows(_xlsx(rows), headers=services.IMPORT_HEADERS)


def test_bad_row_writes_nothing(fed):
    rows = _rows(
        [
            GOOD,
            GOOD | {"活动名称": "运动会", "活动类型": "运动会", "参与人次": 422},
            GOOD | {"活动类型": "不存在的类型", "开始日期": "2020-13-40", "金额（元）": "1.234"},
        ]
    )
    with pytest.raises(ValidationFailed) as exc:
        services.import_activities(by=fed.province_admin, rows=rows)
    assert Activity.objects.count() == 0
    assert selectors.activity_statistics(fed.province_admin).totals["num_activities"] == 0
    errors = exc.value.errors
    assert [e["row"] for e in errors] == [4]
    text = "".join(errors[0]["errors"])
    assert "活动类型“不存在的类型”无效" in text
    assert "不是有效日期" in text
    assert "两位小数" in text


def test_org_outside_scope_is_a_row_error(fed):
    report = services.check_import(
        by=fed.city_admin, rows=_rows([GOOD | {"组织单位": "娄底市总工会", "部门": ""}])
    )
    assert "未知组织“娄底市总工会”" in report.rows[0].errors[0]


def test_good_file_imports_every_row(fed):
    rows = _rows([GOOD, GOOD | {"活动名称": "运动会", "活动类型": "运动会", "参与人次": 422}])
    created = services.import_activities(by=fed.province_admin, rows=rows)
    assert len(created) == 2
    stats = selectors.activity_statistics(fed.province_admin)
    assert stats.money_total == Decimal("11760.00")
    assert stats.totals["attendances"] == 422


def test_the_template_has_the_export_columns_and_its_example_imports_as_is(fed, client_for):
    response = client_for(fed.province_admin).get("/activities/import/template/")
    assert services.IMPORT_HEADERS == selectors.EXPORT_HEADERS
    rows = read_rows(io.BytesIO(response.content), headers=services.IMPORT_HEADERS)
    report = services.check_import(by=fed.province_admin, rows=rows)
    assert len(rows) == 1 and report.rows[0].errors == []


def test_traditional_names_are_found_like_simplified_ones(fed):
    report = services.check_import(
        by=fed.province_admin,
        rows=[{"_row": 2, **GOOD, "组织单位": "河南省總工會", "活动类型": "志願服務"}],
    )
    assert report.rows[0].errors == []
