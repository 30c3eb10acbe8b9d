"""Forms of reports: what to generate (kind, organisation, campaign, month or period, and the
parts the office types: the meeting's chair and attendees, the leader's requirements, the next
half-year's work), and the edited draft text."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.campaigns.selectors import campaigns_for_user
from gonghui.core.concurrency import VersionedFormMixin
from gonghui.core.widgets import DateInput
from gonghui.organizations.pickers import OrganizationChoiceField

from .models import GeneratedReport

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("报告类型"), choices=GeneratedReport.Kind.choices)
    organization = OrganizationChoiceField(label=_("单位"))
    campaign = forms.TypedChoiceField(
        label=_("创建活动"), coerce=int, required=False, empty_value=None
    )
    period = forms.CharField(
        label=_("月份"), required=False, max_length=7, help_text=_("月度新闻稿：如 2020-05")
    )
    meeting_date = forms.DateField(label=_("汇报会日期"), required=False, widget=DateInput())
    chair = forms.CharField(
        label=_("主持人"),
        required=False,
        max_length=100,
        help_text=_("如：省总党组书记、常务副主席寇武江"),
    )
    attendees = forms.CharField(label=_("出席领导"), required=False, max_length=200)
    requirements = forms.CharField(
        label=_("领导讲话要求"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("由办公室填写；空行分段"),
    )
    start = forms.DateField(label=_("起始日期"), required=False, widget=DateInput())
    end = forms.DateField(label=_("截止日期"), required=False, widget=DateInput())
    next_steps = forms.CharField(
        label=_("下半年主要工作"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("工作总结：每行一项"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].scope(user)
        if user.organization_id and not self.is_bound:
            self.initial.setdefault("organization", user.organization)
        campaigns = list(campaigns_for_user(user)[:100])
        self.fields["campaign"].choices = [("", "—")] + [(c.pk, c.name) for c in campaigns]
        today = timezone.localdate()
        self.initial.setdefault("period", f"{today:%Y-%m}")
        self.initial.setdefault("meeting_date", today)
        self.initial.setdefault("start", dt.date(today.year, 1, 1))
        self.initial.setdefault("end", dt.date(today.year, 6, 30))

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == GeneratedReport.Kind.NEWS:
            if not MONTH.match(data.get("period") or ""):
                self.add_error("period", _("请填写月份，格式如 2020-05"))
            if not data.get("meeting_date"):
                self.add_error("meeting_date", _("请填写汇报会日期"))
        elif kind:
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                self.add_error("end", _("请填写起止日期"))
            elif start > end or (end - start).days > 366:
                self.add_error("end", _("起止日期有误（不超过一年）"))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        parameters = {"campaign_id": data.get("campaign")}
        if data["kind"] == GeneratedReport.Kind.NEWS:
            parameters |= {
                "period": data["period"],
                "meeting_date": data["meeting_date"].isoformat(),
                "chair": data.get("chair", ""),
                "attendees": data.get("attendees", ""),
                "requirements": data.get("requirements", ""),
            }
        else:
            parameters |= {
                "start": data["start"].isoformat(),
                "end": data["end"].isoformat(),
                "next_steps": data.get("next_steps", ""),
            }
        return {
            "kind": data["kind"],
            "organization": data["organization"],
            "parameters": parameters,
        }


class ReportTextForm(VersionedFormMixin, forms.Form):
    text = forms.CharField(
        label=_("正文"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 24, "style": "width:100%;font-family:inherit"}),
        help_text=_("第一段为标题；空行分段；以“一、”开头的段落为一级标题"),
    )
