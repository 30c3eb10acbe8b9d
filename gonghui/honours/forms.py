"""Forms of the staff pages: a round, a quota, a rule, a nomination, a review step, an opinion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.pickers import PickerField
from gonghui.core.widgets import DateInput
from gonghui.organizations.pickers import OrganizationChoiceField
from gonghui.people.pickers import PEOPLE

from . import selectors
from .models import EligibilityRule, VettingOpinion


class RoundForm(forms.Form):
    organization = OrganizationChoiceField(label=_("组织单位"))
    name = forms.CharField(
        label=_("评选名称"), max_length=100, help_text=_("例如：2026年市五一劳动奖评选")
    )
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    awards = forms.ModelMultipleChoiceField(
        label=_("评选奖项"), queryset=selectors.active_awards(), widget=forms.CheckboxSelectMultiple
    )
    vetting_bodies = forms.ModelMultipleChoiceField(
        label=_("征求意见单位"),
        queryset=selectors.active_vetting_bodies(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    nomination_deadline = forms.DateField(
        label=_("推荐截止日期"), required=False, widget=DateInput()
    )
    deeds_limit = forms.IntegerField(
        label=_("事迹材料字数上限"), initial=1500, min_value=100, max_value=10000
    )
    notice_working_days = forms.IntegerField(
        label=_("公示期（工作日）"), initial=5, min_value=1, max_value=30
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization_id
        self.fields["year"].initial = selectors.today().year


class QuotaForm(forms.Form):
    organization = OrganizationChoiceField(label=_("推荐单位"))
    award = forms.ModelChoiceField(label=_("奖项"), queryset=selectors.active_awards())
    quota = forms.IntegerField(label=_("名额"), min_value=0, max_value=100000)

    def __init__(self, *args, user, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)
        self.fields["award"].queryset = round_.awards.all()


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("条件"), choices=EligibilityRule.Kind.choices)
    value = forms.IntegerField(label=_("数值"), min_value=0, max_value=100, initial=0)


class NominationForm(forms.Form):
    organization = OrganizationChoiceField(label=_("推荐单位"))
    award = forms.ModelChoiceField(label=_("奖项"), queryset=selectors.active_awards())
    person = PickerField(
        PEOPLE, label=_("推荐人选"), required=False, help_text=_("个人奖项：从人员库中选择")
    )
    collective_name = forms.CharField(label=_("推荐集体名称"), max_length=100, required=False)
    unit = forms.CharField(label=_("工作单位"), max_length=100, required=False)
    post_title = forms.CharField(label=_("职务/岗位"), max_length=50, required=False)
    is_frontline = forms.BooleanField(label=_("一线职工"), required=False)
    deeds = forms.CharField(
        label=_("事迹材料"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    opinion = forms.CharField(
        label=_("推荐意见"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization_id
        self.fields["award"].queryset = round_.awards.all()
        self.fields["person"].scope(user)
        self.fields["deeds"].help_text = _("最多 %(n)s 字") % {"n": round_.deeds_limit}
        self.fields["deeds"].widget.attrs["maxlength"] = round_.deeds_limit


class ForwardForm(forms.Form):
    rank = forms.IntegerField(label=_("排序"), min_value=1, max_value=100000, required=False)
    note = forms.CharField(label=_("审核意见"), max_length=300, required=False)


class OpinionForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("征求意见单位"), queryset=selectors.active_vetting_bodies()
    )
    verdict = forms.ChoiceField(label=_("意见"), choices=VettingOpinion.Verdict.choices)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)

    def __init__(self, *args, round_=None, **kwargs):
        super().__init__(*args, **kwargs)
        if round_ is not None:
            self.fields["body"].queryset = round_.vetting_bodies.all()


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"), help_text=_("PDF、Word、JPG 或 PNG，按内容检查"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
