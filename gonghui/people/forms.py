"""Forms for people: edit form and the import upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.concurrency import VersionedFormMixin
from gonghui.core.privacy import SensitiveFieldsMixin, mask_id_number, mask_phone
from gonghui.organizations.models import Department, Organization, Post
from gonghui.organizations.pickers import OrganizationChoiceField

from .models import Person


class PersonForm(VersionedFormMixin, SensitiveFieldsMixin, forms.ModelForm):
    # Editing never shows the stored ID number or phone: typing a value replaces it.
    sensitive_fields = {"id_number": mask_id_number, "phone": mask_phone}

    organization = OrganizationChoiceField(
        label=_("所属组织"), queryset=Organization.objects.none()
    )
    department = forms.ModelChoiceField(
        label=_("部门"), queryset=Department.objects.none(), required=False
    )
    post = forms.ModelChoiceField(label=_("岗位"), queryset=Post.objects.all(), required=False)

    class Meta:
        model = Person
        fields = [
            "name",
            "gender",
            "id_number",
            "phone",
            "organization",
            "department",
            "post",
            "model_worker_level",
            "is_volunteer",
            "is_needy",
            "is_liaison",
            "is_active",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        # Departments exist at federation level; offer those of the user's and the record's
        # organisation rather than every department in a subtree of 100 000 unions.
        org_ids = {
            user.organization_id,
            self.instance.organization_id if self.instance.pk else None,
        }
        self.fields["department"].queryset = (
            Department.objects.visible_to(user)
            .filter(organization_id__in=[i for i in org_ids if i])
            .order_by("organization_id", "sort_order")
        )
        self.setup_sensitive_fields()

    def validate_unique(self):
        # Uniqueness of the ID number is checked by the service with a Chinese message.
        pass


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
