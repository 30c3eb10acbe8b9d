"""Forms for activities: record/edit with typed metrics and photos, filters, import upload."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.concurrency import VersionedFormMixin
from gonghui.core.widgets import html5_formfield
from gonghui.organizations.models import Department, Organization
from gonghui.organizations.pickers import OrganizationChoiceField

from .models import Activity, ActivityType


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ActivityForm(VersionedFormMixin, forms.ModelForm):
    organization = OrganizationChoiceField(
        label=_("组织单位"), queryset=Organization.objects.none()
    )
    department = forms.ModelChoiceField(
        label=_("组织部门"), queryset=Department.objects.none(), required=False
    )
    activity_type = forms.ModelChoiceField(
        label=_("活动类型"), queryset=ActivityType.objects.filter(is_active=True)
    )
    money = forms.DecimalField(
        label=_("金额（元）"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("捐款、慰问金、帮扶资金等，精确到分"),
    )
    photos = MultipleFileField(
        label=_("活动照片"), required=False, help_text=_("JPG 或 PNG，可多选，最多 20 张")
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "activity_type",
            "organization",
            "department",
            "start_date",
            "end_date",
            "place",
            "description",
            "participants",
            "attendances",
            "sessions",
            "money",
            "items",
            "items_unit",
            "reach",
            "awards",
        ]
        formfield_callback = html5_formfield
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        org_ids = {user.organization_id, self.instance.organization_id}
        self.fields["department"].queryset = (
            Department.objects.visible_to(user)
            .filter(organization_id__in=[i for i in org_ids if i])
            .order_by("organization_id", "sort_order")
        )
        if self.instance.pk:
            self.fields["money"].initial = self.instance.money
            del self.fields["photos"]
        elif user.organization_id:
            self.fields["organization"].initial = user.organization
            if user.department_id:
                self.fields["department"].initial = user.department_id

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "photos"}
        data["money"] = data.get("money") or Decimal("0")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
