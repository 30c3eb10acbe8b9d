"""Forms: a campaign, bulk task division, framework import and node edits."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.pickers import USERS
from gonghui.core.concurrency import VersionedFormMixin
from gonghui.core.pickers import MultiplePickerField, PickerField
from gonghui.organizations.models import Organization
from gonghui.organizations.pickers import DEPARTMENTS, ORGANIZATIONS
from gonghui.people.pickers import PEOPLE

from .models import CampaignKind, FrameworkNode, FrameworkVersion
from .pickers import assignment_pickers

DATE = forms.DateInput(attrs={"type": "date"})


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, initial="争创全国文明单位")
    kind = forms.ChoiceField(label=_("类型"), choices=CampaignKind.choices)
    organization = forms.ModelChoiceField(label=_("主办组织"), queryset=Organization.objects.none())
    version = forms.ModelChoiceField(
        label=_("测评体系版本"), queryset=FrameworkVersion.objects.select_related("framework")
    )
    year = forms.IntegerField(label=_("年度"), initial=lambda: dt.date.today().year)
    assessment_date = forms.DateField(label=_("测评日期"), widget=DATE)
    start_date = forms.DateField(label=_("启动日期"), widget=DATE, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Grassroots unions may be 100 000; they run a campaign from their own account.
        visible = Organization.objects.visible_to(user)
        self.fields["organization"].queryset = (
            visible.exclude(kind=Organization.Kind.GRASSROOTS)
            | visible.filter(pk=user.organization_id)
        ).order_by("depth", "path")


class AssignForm(forms.Form):
    """Bulk 分工. Units, leader and liaison are searched and resolved within the user's scope
    under the campaign's organisation, however many there are."""

    indicators = forms.MultipleChoiceField(label=_("指标"), widget=forms.CheckboxSelectMultiple)
    departments = MultiplePickerField(DEPARTMENTS, label=_("责任部门"), required=False)
    organizations = MultiplePickerField(
        ORGANIZATIONS, label=_("责任单位（整个组织，如驻会产业工会）"), required=False
    )
    leader = PickerField(PEOPLE, label=_("责任领导"), required=False)
    liaison = PickerField(USERS, label=_("联络员"), required=False)
    deadline = forms.DateField(label=_("完成时限"), widget=DATE, required=False)

    def __init__(self, *args, user, campaign, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = [
            (str(i.pk), f"{'　' * (i.depth - 1)}{i.code} {i.name}") for i in indicators
        ]
        for name, (_source, params) in assignment_pickers(campaign).items():
            self.fields[name].scope(user, **params)


class FrameworkImportForm(forms.Form):
    file = forms.FileField(label=_("YAML 或 Excel 文件"))
    code = forms.SlugField(label=_("体系代码（Excel 导入时填写）"), required=False)
    name = forms.CharField(label=_("体系名称（Excel 导入时填写）"), required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=CampaignKind.choices, required=False)
    label = forms.CharField(label=_("版本号（Excel 导入时填写）"), required=False)
    grade_map = forms.CharField(
        label=_("等级系数"),
        required=False,
        initial="A=1.0, B=0.8, C=0.6",
        help_text=_("Excel 导入时使用；YAML 文件自带"),
    )

    def grade_map_dict(self) -> dict:
        result = {}
        for part in (self.cleaned_data.get("grade_map") or "").replace("，", ",").split(","):
            if "=" in part:
                k, v = part.split("=", 1)
                result[k.strip()] = v.strip()
        return result


class NodeForm(VersionedFormMixin, forms.ModelForm):
    methods_text = forms.CharField(label=_("测评方法（顿号分隔）"), required=False)
    file_types_text = forms.CharField(
        label=_("允许的文件类型（顿号分隔，空为全部）"), required=False
    )

    class Meta:
        model = FrameworkNode
        fields = [
            "code",
            "name",
            "level_label",
            "full_score",
            "standard",
            "guidance",
            "min_photos",
            "min_chars",
            "max_chars",
            "requires_doc_number",
            "lead_days",
        ]
