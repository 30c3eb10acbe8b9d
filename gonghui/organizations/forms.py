"""Forms for organisations and departments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.concurrency import VersionedFormMixin
from gonghui.core.pickers import PickerField

from .models import Department, Organization
from .paths import subtree_range
from .pickers import ORGANIZATIONS


class OrganizationChoiceField(PickerField):
    """An organisation within the user's scope, typed as "名称 #id", a bare id or an exact name.

    Forms narrow it with `scope(user, ...)` or by setting `queryset` to a scoped queryset.
    """

    default_error_messages = {
        "invalid_choice": _("找不到该组织，或不在您的管理范围内；请从提示中选择"),
    }

    def __init__(self, **kwargs):
        super().__init__(ORGANIZATIONS, **kwargs)

    def resolve_text(self, text: str):
        matches = list(self.queryset.filter(name=text)[:2])
        return matches[0] if len(matches) == 1 else None


class OrganizationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "short_name", "kind", "region", "region_code", "address", "phone"]


class MoveForm(forms.Form):
    new_parent = OrganizationChoiceField(label=_("移动到（新上级组织）"))

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
