"""Forms of the assistance pages: the archive with its household, workflow steps, relief
records, batches, enterprises and model workers. Amounts are typed in 元 and kept in fen."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.concurrency import VersionedFormMixin
from gonghui.core.privacy import SensitiveFieldsMixin, mask_id_number, mask_phone, mask_text
from gonghui.core.widgets import DateInput
from gonghui.organizations.pickers import OrganizationChoiceField

from .models import (
    Archive,
    ArchiveMember,
    FundSource,
    HardshipReason,
    ModelWorker,
    Programme,
    Tier,
)

MEMBER_ROWS = 4


class YuanField(forms.DecimalField):
    """An amount typed in 元 (two decimals), cleaned to integer fen."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", Decimal("9999999999"))
        super().__init__(max_digits=14, decimal_places=2, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return None if value is None else int(value * 100)


def _mask_account(value: str) -> str:
    return f"****{value[-4:]}" if value else ""


class ArchiveForm(SensitiveFieldsMixin, VersionedFormMixin, forms.Form):
    organization = OrganizationChoiceField(
        label=_("所属基层工会"), help_text=_("职工所在单位的工会")
    )
    worker_name = forms.CharField(label=_("职工姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号"), max_length=18)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    address = forms.CharField(label=_("家庭住址"), max_length=200, required=False)
    health = forms.CharField(label=_("本人健康状况"), max_length=200, required=False)
    household_size = forms.IntegerField(label=_("家庭人口"), min_value=1, max_value=30, initial=1)
    monthly_income_fen = YuanField(label=_("家庭月收入（元）"))
    local_standard_fen = YuanField(
        label=_("当地最低生活保障标准（元/人·月）"), help_text=_("用于计算人均收入比例")
    )
    reasons = forms.ModelMultipleChoiceField(
        label=_("致困原因（可多选）"),
        queryset=HardshipReason.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    housing = forms.ChoiceField(
        label=_("住房情况"), choices=[("", "—"), *Archive.Housing.choices], required=False
    )
    situation = forms.CharField(
        label=_("困难情况说明"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    bank_name = forms.CharField(label=_("开户银行"), max_length=60, required=False)
    bank_account = forms.CharField(label=_("银行账号"), max_length=25, required=False)

    sensitive_fields = {
        "id_number": mask_id_number,
        "phone": mask_phone,
        "address": lambda v: mask_text(v, keep=3),
        "health": lambda v: mask_text(v, keep=0),
        "situation": lambda v: mask_text(v, keep=0),
        "bank_account": _mask_account,
    }

    def __init__(self, *args, user, instance: Archive | None = None, **kwargs):
        self.instance = instance
        super().__init__(*args, versioned=instance, **kwargs)
        self.fields["organization"].scope(user)
        if instance is not None:
            self.fields.pop("organization")
            self.initial.update(
                {
                    "worker_name": instance.worker_name,
                    "household_size": instance.household_size,
                    "local_standard_fen": Decimal(instance.local_standard_fen) / 100,
                    "reasons": list(instance.reasons.all()),
                    "housing": instance.housing,
                    "bank_name": instance.bank_name,
                }
            )
            # Income is sensitive: never rendered; left blank it stays as it is.
            self.fields["monthly_income_fen"].required = False
            self.fields["monthly_income_fen"].help_text = SensitiveFieldsMixin.KEEP_HELP
        elif user.organization_id:
            self.fields["organization"].initial = user.organization_id
        for i in range(MEMBER_ROWS):
            self.fields[f"m{i}_name"] = forms.CharField(
                label=_("成员%(n)s 姓名") % {"n": i + 1}, max_length=50, required=False
            )
            self.fields[f"m{i}_relation"] = forms.CharField(
                label=_("与职工关系"), max_length=20, required=False
            )
            self.fields[f"m{i}_id_number"] = forms.CharField(
                label=_("身份证号"), max_length=18, required=False
            )
            self.fields[f"m{i}_health"] = forms.CharField(
                label=_("健康状况"), max_length=200, required=False
            )
            self.fields[f"m{i}_occupation"] = forms.ChoiceField(
                label=_("就业/就学"),
                choices=[("", "—"), *ArchiveMember.Occupation.choices],
                required=False,
            )
        self.setup_sensitive_fields()
        if instance is not None:
            # Members are re-entered in full on an edit; their numbers are never shown.
            for i in range(MEMBER_ROWS):
                self.fields[f"m{i}_id_number"].widget.attrs["autocomplete"] = "off"

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        members = []
        for i in range(MEMBER_ROWS):
            values = {
                k: data.pop(f"m{i}_{k}", "")
                for k in ("name", "relation", "id_number", "health", "occupation")
            }
            if values["name"]:
                members.append(values)
        data.pop("version", None)
        if self.instance is not None and data.get("monthly_income_fen") is None:
            data["monthly_income_fen"] = int(self.instance.monthly_income or 0)
        data["members"] = members if (members or self.instance is None) else None
        return data


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class EstablishForm(forms.Form):
    tier = forms.ChoiceField(label=_("困难类别"), choices=Tier.choices)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)
    open_notice = forms.BooleanField(
        label=_("在本单位公示（姓名脱敏）"), required=False, initial=False
    )


class ExitForm(forms.Form):
    reason = forms.ChoiceField(label=_("解困原因"), choices=Archive.ExitReason.choices)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class RelocateForm(forms.Form):
    organization = OrganizationChoiceField(label=_("新的所属工会"))
    note = forms.CharField(label=_("说明"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("查看事由"), max_length=200, help_text=_("必填，将记入审计日志")
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("证明材料（PDF 或图片）"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class ReliefForm(forms.Form):
    organization = OrganizationChoiceField(label=_("所属组织"))
    programme = forms.ChoiceField(label=_("帮扶项目"), choices=Programme.choices)
    fund_source = forms.ChoiceField(label=_("资金来源"), choices=FundSource.choices)
    given_date = forms.DateField(label=_("日期"), initial=timezone.localdate, widget=DateInput())
    headcount = forms.IntegerField(
        label=_("人数（人次、张、家）"), min_value=1, initial=1, help_text=_("一条记录代表的人数")
    )
    amount_fen = YuanField(label=_("慰问金/补助金额（元）"), required=False)
    goods_value_fen = YuanField(label=_("慰问物资价值（元）"), required=False)
    goods = forms.CharField(label=_("慰问物资"), max_length=100, required=False)
    student_name = forms.CharField(label=_("学生姓名（助学）"), max_length=50, required=False)
    school = forms.CharField(label=_("学校（助学）"), max_length=60, required=False)
    grade = forms.CharField(label=_("年级（助学）"), max_length=20, required=False)
    handed_over_by = forms.CharField(label=_("经办人"), max_length=50, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization_id

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["amount_fen"] = data.get("amount_fen") or 0
        data["goods_value_fen"] = data.get("goods_value_fen") or 0
        return data


class ReverseForm(forms.Form):
    note = forms.CharField(label=_("冲正原因"), max_length=150)


class BatchForm(forms.Form):
    organization = OrganizationChoiceField(label=_("发放单位"))
    name = forms.CharField(
        label=_("批次名称"), max_length=100, help_text=_("例如：2026年春节送温暖")
    )
    programme = forms.ChoiceField(label=_("帮扶项目"), choices=Programme.choices)
    fund_source = forms.ChoiceField(label=_("资金来源"), choices=FundSource.choices)
    budget_fen = YuanField(label=_("预算（元）"), min_value=Decimal("0.01"))
    planned_date = forms.DateField(
        label=_("计划发放日期"), initial=timezone.localdate, widget=DateInput()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization_id


class BatchFillForm(forms.Form):
    tier = forms.ChoiceField(
        label=_("困难类别"), choices=[("", _("全部")), *Tier.choices], required=False
    )
    reason = forms.ModelChoiceField(
        label=_("致困原因"),
        queryset=HardshipReason.objects.filter(is_active=True),
        required=False,
        to_field_name="code",
        empty_label=_("全部"),
    )
    organization = OrganizationChoiceField(label=_("范围（下级组织）"), required=False)
    amount_fen = YuanField(label=_("每户金额（元）"), min_value=Decimal("0.01"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)


class PayForm(forms.Form):
    paid_date = forms.DateField(label=_("发放日期"), initial=timezone.localdate, widget=DateInput())
    handed_over_by = forms.CharField(label=_("经办人"), max_length=50, required=False)


class EnterpriseForm(forms.Form):
    organization = OrganizationChoiceField(label=_("所属工会"))
    name = forms.CharField(label=_("企业名称"), max_length=100)
    reason = forms.CharField(label=_("困难原因"), max_length=200)
    num_workers_affected = forms.IntegerField(label=_("涉及职工人数"), min_value=0, initial=0)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization_id


class ModelWorkerForm(forms.Form):
    organization = OrganizationChoiceField(label=_("所属工会"))
    name = forms.CharField(label=_("姓名"), max_length=50)
    level = forms.ChoiceField(label=_("劳模级别"), choices=ModelWorker.Level.choices)
    title = forms.CharField(label=_("荣誉称号"), max_length=100)
    year_awarded = forms.IntegerField(label=_("授予年份"), min_value=1949, max_value=2100)
    living_status = forms.ChoiceField(label=_("生活状况"), choices=ModelWorker.Living.choices)
    income_band = forms.ChoiceField(label=_("收入状况"), choices=ModelWorker.IncomeBand.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization_id
