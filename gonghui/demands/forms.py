"""Forms: intake (staff channels, the hotline's quick form, the public form), the handling
steps, and the worker's lookup and rating."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.pickers import PickerField
from gonghui.organizations.pickers import OrganizationChoiceField

from . import selectors
from .models import Demand


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _type_topic_fields(form) -> None:
    form.fields["demand_type"] = forms.ModelChoiceField(
        label=_("诉求类型"), queryset=selectors.active_types(), empty_label=None
    )
    form.fields["topic"] = forms.ModelChoiceField(
        label=_("诉求事项"), queryset=selectors.active_topics(), empty_label=None
    )


class _DemandFields(forms.Form):
    worker_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    worker_phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    is_anonymous = forms.BooleanField(
        label=_("匿名提出（仅限意见建议）"), required=False, initial=False
    )
    employer = forms.CharField(label=_("工作单位"), max_length=100, required=False)
    location = forms.CharField(
        label=_("所在地"), max_length=100, required=False, help_text=_("例如：郑州市金水区")
    )
    summary = forms.CharField(label=_("诉求摘要"), max_length=100, help_text=_("一句话说明诉求"))
    content = forms.CharField(
        label=_("详细情况"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = MultipleFileField(
        label=_("附件"), required=False, help_text=_("图片、PDF 或 Word，最多 5 个")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _type_topic_fields(self)
        order = ["demand_type", "topic"]
        self.order_fields([*(f for f in self.fields if f not in order), *order])

    def demand_values(self) -> dict:
        data = self.cleaned_data
        return {
            "demand_type": data["demand_type"],
            "topic": data["topic"],
            "summary": data["summary"],
            "content": data.get("content", ""),
            "worker_name": data.get("worker_name", ""),
            "worker_phone": data.get("worker_phone", ""),
            "employer": data.get("employer", ""),
            "location": data.get("location", ""),
            "is_anonymous": data.get("is_anonymous", False),
            "attachments": data.get("attachments") or [],
        }


STAFF_CHANNELS = [
    (Demand.Channel.HOTLINE, _("12351热线")),
    (Demand.Channel.VISIT, _("来访")),
    (Demand.Channel.LETTER, _("来信（附扫描件）")),
]


class IntakeForm(_DemandFields):
    """Staff intake: hotline, walk-in visit or letter, at a union in the user's scope."""

    channel = forms.ChoiceField(label=_("渠道"), choices=STAFF_CHANNELS)
    receiving_org = OrganizationChoiceField(label=_("登记工会"))

    field_order = [
        "channel",
        "receiving_org",
        "worker_phone",
        "worker_name",
        "employer",
        "location",
        "demand_type",
        "topic",
        "summary",
        "content",
        "is_anonymous",
        "attachments",
    ]

    def __init__(self, *args, user, channel: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_org"].scope(user)
        if user.organization_id:
            self.fields["receiving_org"].initial = user.organization_id
        if channel in dict(STAFF_CHANNELS):
            self.fields["channel"].initial = channel
        self.order_fields(self.field_order)
        # The hotline form is keyboard-first: the caller's number is typed first.
        self.fields["worker_phone"].widget.attrs["autofocus"] = True

    def service_data(self) -> dict:
        return {
            **self.demand_values(),
            "channel": self.cleaned_data["channel"],
            "receiving_org": self.cleaned_data["receiving_org"],
        }


class PublicDemandForm(_DemandFields):
    receiving_org = forms.ModelChoiceField(
        label=_("向哪级工会反映"),
        queryset=selectors.receiving_unions(),
        empty_label=None,
        help_text=_("不确定时选择所在城市的市总工会"),
    )
    # A field people do not see: a bot filling every field is refused.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = [
        "receiving_org",
        "demand_type",
        "topic",
        "summary",
        "content",
        "worker_name",
        "worker_phone",
        "employer",
        "location",
        "is_anonymous",
        "attachments",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_org"].queryset = selectors.receiving_unions()
        self.order_fields(self.field_order)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("办理记录"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    attachment = forms.FileField(label=_("附件"), required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("回访情况"), max_length=300)
    rating = forms.ChoiceField(
        label=_("职工评价"),
        choices=[("", _("（暂未评价）")), *Demand.Rating.choices],
        required=False,
    )


class LookupForm(forms.Form):
    ticket = forms.CharField(label=_("诉求编号"), max_length=20)
    phone_last4 = forms.CharField(
        label=_("联系电话后四位"),
        max_length=4,
        min_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class RateForm(LookupForm):
    rating = forms.ChoiceField(
        label=_("您的评价"), choices=Demand.Rating.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("意见"), max_length=300, required=False)


class TransferForm(forms.Form):
    """转办: a union below the holder, chosen from a list when there are few of them and
    searched by name when there are many; either way resolved through the user's scope."""

    LISTED = 200
    has_targets = False

    to = PickerField("demand_transfer_union", label=_("转办至"))
    reason = forms.CharField(label=_("转办说明"), max_length=300, required=False)

    def __init__(self, *args, user, demand, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["to"].scope(user, demand=demand.pk)
        self.fields["reason"].widget.attrs["size"] = 30
        if self.is_bound:  # posted: only resolved, never shown
            return
        few = list(field.queryset[: self.LISTED + 1])
        self.has_targets = bool(few)
        if len(few) <= self.LISTED:
            field.widget = forms.Select(choices=[(org.pk, org.name) for org in few])


class JoinForm(forms.Form):
    """A union to handle the demand jointly, searched among those it may be routed to."""

    organization = PickerField("demand_joint_union", label=_("协办工会"))

    def __init__(self, *args, user, demand, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user, demand=demand.pk)
