"""Excel imports of archives and relief records (the national 困难职工帮扶 system exports such
sheets): row schemas on core.imports, with drop-down columns in the template for tier,
reason, programme and fund source. Nothing is written unless every row is valid."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import idcard
from gonghui.core.imports import ImportColumn, ImportSchema, RowError, cell_text
from gonghui.organizations.imports import ORGANIZATION_LOOKUP

from . import encryption, services
from .models import Archive, FundSource, HardshipReason, Programme, Tier


def _yuan(label: str):
    def parse(value) -> int:
        try:
            amount = Decimal(str(value).replace(",", "").strip())
        except (InvalidOperation, ValueError) as exc:
            raise RowError(_("%(label)s应为数字（元）") % {"label": label}) from exc
        if amount < 0 or amount >= Decimal(10**10):
            raise RowError(_("%(label)s超出范围") % {"label": label})
        return int(amount * 100)

    return parse


def _int(label: str, low: int, high: int):
    def parse(value) -> int:
        try:
            number = int(Decimal(str(value).strip()))
        except (InvalidOperation, ValueError) as exc:
            raise RowError(_("%(label)s应为整数") % {"label": label}) from exc
        if not low <= number <= high:
            raise RowError(
                _("%(label)s应在%(low)s至%(high)s之间") % {"label": label, "low": low, "high": high}
            )
        return number

    return parse


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(cell_text(value).replace("/", "-").replace(".", "-"))
    except ValueError as exc:
        raise RowError(_("日期格式应为 2026-01-20")) from exc


def _id_number(value) -> str:
    try:
        return idcard.validate_id_number(cell_text(value))
    except idcard.InvalidIdNumber as exc:
        raise RowError(str(exc)) from exc


def _choice(enum, label: str):
    by_label = {str(lab): code for code, lab in enum.choices}

    def parse(value) -> str:
        text = cell_text(value)
        if text in by_label:
            return by_label[text]
        raise RowError(
            _("%(label)s“%(text)s”无效（可填：%(choices)s）")
            % {"label": label, "text": text, "choices": "、".join(by_label)}
        )

    return parse


def _reasons(value) -> list[str]:
    return [n for n in re.split(r"[、,，;；\s]+", cell_text(value)) if n]


class ArchiveImport(ImportSchema):
    """Archives (one row a household; members are added on the page afterwards)."""

    name = "assistance-archives"
    title = gettext_lazy("困难职工档案导入")
    columns = [
        ImportColumn("所属工会", "organization", required=gettext_lazy("所属工会为空"), lookup="organization", default=None, example="郑州宏达机械有限公司工会"),
        ImportColumn("职工姓名", "worker_name", required=gettext_lazy("职工姓名为空"), example="王建国"),
        ImportColumn("身份证号", "id_number", required=gettext_lazy("身份证号为空"), parse=_id_number, example="410102198001010018"),
        ImportColumn("联系电话", "phone", example="13800001234"),
        ImportColumn("家庭住址", "address", example="金水区纬五路 12 号"),
        ImportColumn("家庭人口", "household_size", required=gettext_lazy("家庭人口为空"), parse=_int("家庭人口", 1, 30), default=None, example=3),
        ImportColumn("家庭月收入（元）", "monthly_income_fen", required=gettext_lazy("家庭月收入为空"), parse=_yuan("家庭月收入"), default=None, example=1800),
        ImportColumn("当地低保标准（元）", "local_standard_fen", required=gettext_lazy("当地低保标准为空"), parse=_yuan("当地低保标准"), default=None, example=750),
        ImportColumn("致困原因", "reason_names", parse=_reasons, default=[], example="因病"),
        ImportColumn("困难类别", "tier", parse=_choice(Tier, "困难类别"), default="", example="深度困难"),
        ImportColumn("开户银行", "bank_name", example="中国工商银行郑州金水支行"),
        ImportColumn("银行账号", "bank_account", example="6222021234567890123"),
    ]  # fmt: skip
    lookups = {"organization": ORGANIZATION_LOOKUP}
    help_rows = [
        gettext_lazy(
            "每行一户；所属工会、职工姓名、身份证号、家庭人口、家庭月收入、当地低保标准必填。"
        ),
        gettext_lazy("致困原因可填多个，用顿号分隔；困难类别可留空，由系统按规则建议。"),
        gettext_lazy("同一职工在本省已有未结束的档案时不能导入。"),
        gettext_lazy("文件中只要有一行有错误，就不会写入任何数据；请按提示改正后重新上传。"),
    ]
    preview = [
        (gettext_lazy("所属工会"), lambda r: r.values.get("所属工会")),
        (gettext_lazy("职工姓名"), lambda r: r.values.get("职工姓名")),
        (gettext_lazy("家庭人口"), lambda r: r.values.get("家庭人口")),
    ]

    def dropdown_choices(self):
        return {
            "困难类别": [str(label) for _c, label in Tier.choices],
            "致困原因": list(
                HardshipReason.objects.filter(is_active=True).values_list("name", flat=True)
            ),
        }

    def prepare(self, *, by, found):
        return {"reasons": {r.name: r for r in HardshipReason.objects.filter(is_active=True)}}

    def clean_row(self, row, *, by, context):
        data = row.data
        unknown = [n for n in data["reason_names"] if n not in context["reasons"]]
        if unknown:
            row.errors.append(_("致困原因“%(names)s”无效") % {"names": "、".join(unknown)})
        data["reasons"] = [
            context["reasons"][n] for n in data["reason_names"] if n in context["reasons"]
        ]
        phone = re.sub(r"\s", "", data.get("phone") or "")
        if phone and not services.PHONE_RE.match(phone):
            row.errors.append(_("联系电话格式不正确"))
        account = re.sub(r"\s", "", str(data.get("bank_account") or ""))
        if account and not services.ACCOUNT_RE.match(account):
            row.errors.append(_("银行账号应为10至25位数字"))
        data["bank_account"] = account
        org = data.get("organization")
        if org is not None and not by.has_perm("assistance.add_archive"):
            row.errors.append(_("您无权录入困难职工档案"))

    def check_file(self, report, *, by, context):
        seen = {}
        numbers = {}
        for row in report.rows:
            number, org = row.data.get("id_number"), row.data.get("organization")
            if not number or org is None:
                continue
            if number in seen:
                row.errors.append(_("身份证号与第 %(n)s 行重复") % {"n": seen[number]})
                continue
            seen[number] = row.number
            numbers[(services.province_path_of(org.path), number)] = row
        by_province = {}
        for (province, number), row in numbers.items():
            by_province.setdefault(province, {})[f"r{row.number}"] = number
        for province, fields in by_province.items():
            errors = services.duplicate_errors(by=by, province_path=province, numbers=fields)
            for key, message in errors.items():
                next(r for r in report.rows if f"r{r.number}" == key).errors.append(message)

    def save(self, rows, *, by):
        created = []
        for row in rows:
            data = dict(row.data)
            data.pop("reason_names", None)
            tier = data.pop("tier", "")
            archive = services.create_archive(by=by, **data)
            if tier:
                Archive.objects.filter(pk=archive.pk).update(proposed_tier=tier)
            created.append(archive)
        return created


class ReliefImport(ImportSchema):
    """Relief records: to an archive (by ID number, through the importer's scope) or as a
    group record with a headcount."""

    name = "assistance-relief"
    title = gettext_lazy("帮扶记录导入")
    columns = [
        ImportColumn("所属组织", "organization", required=gettext_lazy("所属组织为空"), lookup="organization", default=None, example="郑州宏达机械有限公司工会"),
        ImportColumn("帮扶项目", "programme", required=gettext_lazy("帮扶项目为空"), parse=_choice(Programme, "帮扶项目"), default=None, example="送温暖慰问"),
        ImportColumn("资金来源", "fund_source", required=gettext_lazy("资金来源为空"), parse=_choice(FundSource, "资金来源"), default=None, example="上级拨款"),
        ImportColumn("日期", "given_date", required=gettext_lazy("日期为空"), parse=_date, default=None, example="2026-01-20"),
        ImportColumn("困难职工身份证号", "id_number", parse=_id_number, default="", example=""),
        ImportColumn("人数", "headcount", parse=_int("人数", 1, 1_000_000), default=1, example=1),
        ImportColumn("金额（元）", "amount_fen", parse=_yuan("金额"), default=0, example=500),
        ImportColumn("物资价值（元）", "goods_value_fen", parse=_yuan("物资价值"), default=0, example=200),
        ImportColumn("慰问物资", "goods", example="米、油"),
        ImportColumn("经办人", "handed_over_by", example="李明"),
        ImportColumn("备注", "note", example=""),
    ]  # fmt: skip
    lookups = {"organization": ORGANIZATION_LOOKUP}
    help_rows = [
        gettext_lazy(
            "每行一条帮扶记录；填写身份证号时记入该职工的档案（须在档且在您的管理范围内）。"
        ),
        gettext_lazy("不填身份证号时按群体记录，人数为这条记录代表的人数（人次、张、家）。"),
        gettext_lazy("文件中只要有一行有错误，就不会写入任何数据；请按提示改正后重新上传。"),
    ]
    preview = [
        (gettext_lazy("帮扶项目"), lambda r: r.values.get("帮扶项目")),
        (gettext_lazy("日期"), lambda r: r.values.get("日期")),
        (gettext_lazy("金额（元）"), lambda r: r.values.get("金额（元）")),
    ]

    def dropdown_choices(self):
        return {
            "帮扶项目": [str(label) for _c, label in Programme.choices],
            "资金来源": [str(label) for _c, label in FundSource.choices],
        }

    def check_file(self, report, *, by, context):
        hashes = {
            encryption.blind_index(r.data["id_number"]): r
            for r in report.rows
            if r.data.get("id_number")
        }
        found = {}
        if hashes:
            for archive in (
                Archive.objects.visible_to(by)
                .filter(id_hash__in=list(hashes))
                .select_related("organization")
            ):
                if archive.status == "active":
                    found[archive.id_hash] = archive
        for digest, row in hashes.items():
            archive = found.get(digest)
            if archive is None:
                # Same words whether the archive is elsewhere, closed or missing.
                row.errors.append(_("在您的管理范围内没有该身份证号的在档困难职工"))
            row.data["archive"] = archive
        for row in report.rows:
            if (
                not row.data.get("amount_fen")
                and not row.data.get("goods_value_fen")
                and row.data.get("programme") in (Programme.WARMTH, Programme.EDUCATION)
            ):
                row.errors.append(_("请填写金额或物资价值"))

    def save(self, rows, *, by):
        created = []
        with transaction.atomic():
            for row in rows:
                data = dict(row.data)
                data.pop("id_number", None)
                archive = data.pop("archive", None)
                created.append(services.record_relief(by=by, archive=archive, **data))
        return created


ARCHIVE_IMPORT = ArchiveImport()
RELIEF_IMPORT = ReliefImport()
