"""Forms for organisations and departments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Department, Organization
from .paths import subtree_range


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "short_name", "kind", "region", "region_code", "address", "phone"]


class MoveForm(forms.Form):
    new_parent = forms.ModelChoiceField(
        label=_("移动到（新上级组织）"), queryset=Organization.objects.none()
    )

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = subtree_range(organization.path)
        self.fields["new_parent"].queryset = (
            Organization.objects.visible_to(user)
            .exclude(path__gte=low, path__lt=high)
            .exclude(kind=Organization.Kind.GRASSROOTS)
            .order_by("path")
        )


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "duties", "sort_order"]


class OrganizationPickerWidget(forms.TextInput):
    """A text box with suggestions fetched as you type (works at 100 000 organisations)."""

    template_name = "organizations/widgets/picker.html"

    def format_value(self, value):
        if isinstance(value, Organization):
            return f"{value.name} #{value.pk}"
        if value and str(value).isdigit():
            org = Organization.objects.filter(pk=value).only("name").first()
            return f"{org.name} #{org.pk}" if org else value
        return value


class OrganizationChoiceField(forms.ModelChoiceField):
    """Accepts "名称 #id", a bare id, or an exact unique name, within the given queryset."""

    widget = OrganizationPickerWidget
    default_error_messages = {
        "invalid_choice": _("找不到该组织，或不在您的管理范围内；请从提示中选择"),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        key = text.rsplit("#", 1)[-1].strip() if "#" in text else text
        if key.isdigit():
            return super().to_python(key)
        matches = list(self.queryset.filter(name=text)[:2])
        if len(matches) == 1:
            return matches[0]
        raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
