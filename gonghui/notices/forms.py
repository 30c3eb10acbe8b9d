"""Forms: the public objection (with a honeypot people never see), closing an objection, a
working-calendar day."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from gonghui.core.widgets import DateInput

from .models import Objection

HONEYPOT = "website"


class JoinedSelect(forms.Select):
    """A drop-down whose options are joined in Python rather than rendered one template each:
    a notice of a few hundred lines costs a millisecond, not most of the page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options,
        )


class ObjectionForm(forms.Form):
    entry = forms.TypedChoiceField(
        label=_("异议对象"), coerce=int, required=False, empty_value=None, widget=JoinedSelect
    )
    content = forms.CharField(
        label=_("异议内容"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("请写明事实和理由；匿名或无具体事实的异议不予受理"),
    )
    name = forms.CharField(label=_("真实姓名"), max_length=50)
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("仅公示单位的经办人员可见，用于核实和答复"),
    )
    website = forms.CharField(
        label=_("网址"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", _("整份公示"))] + [
            (e["id"], f"{e['position']}. {e['masked_name']} {e['unit']} {e['detail']}")
            for e in entries
        ]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class CloseObjectionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("处理结论"), choices=Objection.Outcome.choices, widget=forms.RadioSelect
    )
    finding = forms.CharField(
        label=_("调查核实情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    answer = forms.CharField(
        label=_("答复意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DateInput())
    is_working_day = forms.TypedChoiceField(
        label=_("这一天"),
        choices=[("0", _("休息（法定节假日）")), ("1", _("上班（调休补班）"))],
        coerce=lambda v: v == "1",
    )
    name = forms.CharField(label=_("说明"), max_length=50, required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤销原因"), max_length=200)
