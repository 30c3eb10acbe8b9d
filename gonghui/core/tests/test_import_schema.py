"""The one import machinery: a row schema in, preview errors at Excel row numbers, lookups once
per file through the actor's scope (traditional names simplified first), template with a
valid example, and a confirm that writes every row or none."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.core.exceptions import ValidationFailed
from gonghui.core.imports import ImportColumn, ImportSchema, Lookup, RowError
from gonghui.core.models import AuditEntry, ScheduledJob


def _positive(value) -> int:
    if not str(value).isdigit():
        raise RowError(f"数量“{value}”应为整数")
    return int(value)


class JobImport(ImportSchema):
    name = "jobs"
    title = "任务导入"
    columns = [
        ImportColumn("名称", "name", required="名称为空", example="每日汇总"),
        ImportColumn("分组", "group", lookup="group", default=None, example="汇总"),
        ImportColumn("次数", "count", parse=_positive, default=0, example=3),
    ]
    help_rows = ["每行一项。"]

    def __init__(self):
        self.finds = []
        self.saved = []
        self.fail_after = None
        self.lookups = {
            "group": Lookup(
                find=self._find, unknown="未知分组“%(name)s”", ambiguous="分组“%(name)s”不唯一"
            )
        }

    def _find(self, by, names):
        self.finds.append(set(names))
        groups = {"汇总": ["g1"], "统计": ["g2", "g3"]}
        return {name: groups[name] for name in names if name in groups}

    def clean_row(self, row, *, by, context):
        if row.data["count"] > 10:
            row.errors.append("次数过多")

    def save(self, rows, *, by):
        for i, row in enumerate(rows):
            if self.fail_after is not None and i == self.fail_after:
                raise RuntimeError("disk full")
            ScheduledJob.objects.create(
                name=row.data["name"], cron="* * * * *", next_run_at=timezone.now()
            )
        return rows


def rows(*values):
    return [
        {"_row": n, "名称": name, "分组": group, "次数": count}
        for n, (name, group, count) in enumerate(values, start=2)
    ]


def test_errors_are_reported_at_their_excel_row_in_column_order(fed):
    schema = JobImport()
    report = schema.check(
        by=fed.province_admin,
        rows=rows(("甲", "汇总", 1), ("", "无此组", "x"), ("丙", "统计", 11)),
    )
    errors = {r.number: r.errors for r in report.rows}
    assert errors[2] == []
    assert errors[3] == ["名称为空", "未知分组“无此组”", "数量“x”应为整数"]
    assert errors[4] == ["分组“统计”不唯一", "次数过多"]
    assert report.rows[0].data == {"name": "甲", "group": "g1", "count": 1}


def test_lookups_run_once_per_file_with_simplified_names(fed):
    schema = JobImport()
    report = schema.check(by=fed.province_admin, rows=rows(("甲", "匯總", 1), ("乙", "匯總", 2)))
    assert schema.finds == [{"汇总"}]
    assert not report.error_rows


def test_one_bad_row_writes_nothing_and_audits_nothing(fed):
    schema = JobImport()
    with pytest.raises(ValidationFailed) as exc:
        schema.confirm(by=fed.province_admin, rows=rows(("甲", "汇总", 1), ("乙", "汇总", "x")))
    assert exc.value.errors == [{"row": 3, "errors": ["数量“x”应为整数"]}]
    assert not ScheduledJob.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()


def test_a_failure_while_writing_rolls_back_every_row(fed):
    schema = JobImport()
    schema.fail_after = 1
    with pytest.raises(RuntimeError):
        schema.confirm(by=fed.province_admin, rows=rows(("甲", "汇总", 1), ("乙", "汇总", 2)))
    assert not ScheduledJob.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()


def test_a_good_file_is_written_and_audited_once(fed):
    created = JobImport().confirm(
        by=fed.province_admin, rows=rows(("甲", "汇总", 1), ("乙", "汇总", 2))
    )
    assert len(created) == 2 and ScheduledJob.objects.count() == 2
    entry = AuditEntry.objects.get(action="import")
    assert entry.details == {"count": 2} and entry.summary == "任务导入 2 行"


def test_template_has_the_columns_an_example_row_and_the_help(fed):
    schema = JobImport()
    wb = load_workbook(io.BytesIO(schema.template()))
    sheet = wb.worksheets[0]
    assert [c.value for c in sheet[1]] == ["名称", "分组", "次数"]
    example = [c.value for c in sheet[2]]
    assert example == ["每日汇总", "汇总", 3]
    assert wb["填写说明"]["A1"].value == "每行一项。"
    report = schema.check(
        by=fed.province_admin, rows=[{"_row": 2, **dict(zip(schema.headers, example, strict=True))}]
    )
    assert not report.error_rows
