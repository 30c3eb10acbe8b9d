"""Forms for organisations and departments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.concurrency import VersionedFormMixin

from .models import Department, Organization
from .paths import subtree_range
from .pickers import OrganizationChoiceField


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
