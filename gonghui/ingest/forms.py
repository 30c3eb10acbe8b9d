"""Forms for ingestion: the upload and the reviewer's edits to a proposal."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.widgets import DateInput
from gonghui.organizations.forms import OrganizationChoiceField
from gonghui.organizations.models import Organization

from .proposals import TYPE_WORDS


class UploadForm(forms.Form):
    organization = OrganizationChoiceField(
        label=_("所属组织"), queryset=Organization.objects.none()
    )
    file = forms.FileField(
        label=_("资料文件"),
        help_text=_("支持 Word（.docx）、网页（.html）和文本（.txt），最大 20 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.html,.htm,.txt"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    proposed_date = forms.DateField(label=_("日期"), required=False, widget=DateInput())
    activity_type_code = forms.ChoiceField(label=_("活动类型"), required=False, choices=())
    metrics = forms.CharField(
        label=_("指标（JSON）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")]
        try:
            from gonghui.activities.selectors import activity_types

            choices += [(t.code, t.name) for t in activity_types()]
        except ImportError:
            choices += [(code, code) for code, _words in TYPE_WORDS]
        self.fields["activity_type_code"].choices = choices

    def clean_metrics(self):
        raw = self.cleaned_data.get("metrics") or "{}"
        try:
            value = json.loads(raw)
        except ValueError as exc:
            raise forms.ValidationError(_("指标应为 JSON 对象")) from exc
        if not isinstance(value, dict):
            raise forms.ValidationError(_("指标应为 JSON 对象"))
        return value
