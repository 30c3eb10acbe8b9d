"""Forms of the staff pages: collecting a wish and recording its delivery."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.widgets import DateInput
from gonghui.organizations.pickers import OrganizationChoiceField

from .models import Wish


class WishForm(forms.Form):
    organization = OrganizationChoiceField(label=_("所属组织"), help_text=_("困难职工所在的工会"))
    title = forms.CharField(
        label=_("心愿"), max_length=60, help_text=_("一句话，例如：给孩子买一套学习桌椅")
    )
    description = forms.CharField(
        label=_("心愿说明"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    category = forms.ChoiceField(label=_("类别"), choices=Wish.Category.choices)
    amount_band = forms.ChoiceField(label=_("金额区间"), choices=Wish.AmountBand.choices)
    worker_name = forms.CharField(label=_("职工姓名"), max_length=50)
    worker_phone = forms.CharField(label=_("职工电话"), max_length=20, required=False)
    worker_address = forms.CharField(label=_("家庭住址"), max_length=200, required=False)
    hardship = forms.CharField(
        label=_("困难情况"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("仅经办人员可见，不会在公众页面显示"),
    )
    is_home_visit = forms.BooleanField(label=_("入户走访征集"), required=False, initial=True)
    collected_date = forms.DateField(
        label=_("征集日期"),
        initial=timezone.localdate,
        widget=DateInput(),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].scope(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization_id


class DeliverForm(forms.Form):
    delivered_date = forms.DateField(
        label=_("送达日期"),
        initial=timezone.localdate,
        widget=DateInput(),
    )
    photo = forms.FileField(label=_("送达照片"), help_text=_("JPG 或 PNG"))
    note = forms.CharField(label=_("送达情况"), max_length=300, required=False)
