"""Forms for volunteering pages; each yields the keyword arguments of one service."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.pickers import USERS
from gonghui.core.exceptions import DomainError
from gonghui.core.pickers import PickerField
from gonghui.core.widgets import DateInput, html5_formfield
from gonghui.organizations.models import Department, Organization
from gonghui.organizations.pickers import OrganizationChoiceField
from gonghui.people.selectors import person_by_id_number

from .models import Pairing, Problem, ServiceEvent, Team, Visit
from .pickers import PAIRINGS, TEAMS, VOLUNTEERS


class ServiceForm(forms.Form):
    """A form whose cleaned data are the keyword arguments of one service."""

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ScopedModelForm(forms.ModelForm):
    """Organisation and team pickers within the user's scope and departments of the user's
    organisation."""

    organization = OrganizationChoiceField(
        label=_("所属组织"), queryset=Organization.objects.none()
    )

    class Meta:
        formfield_callback = html5_formfield

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization
        if "department" in self.fields:
            self.fields["department"].queryset = Department.objects.filter(
                organization_id=user.organization_id
            )
            self.fields["department"].initial = user.department_id
        if "team" in self.fields:
            self.use_picker("team", TEAMS)

    def use_picker(self, name, source):
        """Replace the model's select of every record with a picker scoped to the user."""
        model_field = self.fields[name]
        self.fields[name] = PickerField(
            source,
            label=model_field.label,
            required=model_field.required,
            help_text=model_field.help_text,
        ).scope(self.user)

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class TeamForm(ScopedModelForm):
    leader = PickerField(USERS, label=_("队长（审核服务时长）"), required=False)

    class Meta(ScopedModelForm.Meta):
        model = Team
        fields = [
            "name",
            "kind",
            "organization",
            "department",
            "leader",
            "founded_date",
            "description",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["leader"].scope(user)


class VolunteerForm(ServiceForm):
    id_number = forms.CharField(label=_("身份证号"), max_length=18, help_text=_("须是已登记的人员"))
    skills = forms.CharField(label=_("特长"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        try:
            person = person_by_id_number(self.user, value)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        if person is None:
            raise forms.ValidationError(_("在您的管理范围内没有该身份证号的人员，请先登记人员"))
        self.person = person
        return value

    def service_data(self) -> dict:
        return {"person": self.person, "skills": self.cleaned_data["skills"]}


class VolunteerCodeField(PickerField):
    """A volunteer typed by number (or chosen by name), found only within the user's scope."""

    default_error_messages = {"invalid_choice": _("在您的管理范围内没有该编号的志愿者")}

    def __init__(self, **kwargs):
        super().__init__(VOLUNTEERS, label=_("志愿者编号"), **kwargs)


class VolunteerFormMixin:
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].scope(user)


class MemberForm(VolunteerFormMixin, forms.Form):
    volunteer = VolunteerCodeField()


class EventForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = ServiceEvent
        fields = [
            "title",
            "organization",
            "department",
            "team",
            "start_at",
            "end_at",
            "place",
            "capacity",
            "is_public",
            "description",
        ]


class SignUpForm(VolunteerFormMixin, forms.Form):
    volunteer = VolunteerCodeField()


class PublicSignUpForm(forms.Form):
    code = forms.CharField(label=_("志愿者编号"), max_length=20)
    phone = forms.CharField(label=_("登记的手机号"), max_length=20)


class HoursForm(ServiceForm):
    volunteer = VolunteerCodeField()
    team = PickerField(TEAMS, label=_("服务队"))
    hours = forms.DecimalField(
        label=_("服务时长（小时）"), min_value=0, max_digits=5, decimal_places=2
    )
    service_date = forms.DateField(label=_("服务日期"), widget=DateInput())
    note = forms.CharField(label=_("服务内容"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].scope(user)
        self.fields["team"].scope(user)
        self.fields["service_date"].initial = timezone.localdate()


class EventHoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("每人服务时长（小时）"), min_value=0, max_digits=5, decimal_places=2
    )


class RejectForm(forms.Form):
    comment = forms.CharField(label=_("不通过的理由"), max_length=200)


class PairingForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Pairing
        fields = [
            "kind",
            "organization",
            "community",
            "since_date",
            "num_cadres",
            "contact",
            "note",
        ]


class VisitForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Visit
        fields = [
            "kind",
            "organization",
            "department",
            "visit_date",
            "community",
            "pairing",
            "team",
            "num_participants",
            "num_households",
            "summary",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.use_picker("pairing", PAIRINGS)
        self.fields["community"].required = False


class ProblemForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Problem
        fields = [
            "title",
            "organization",
            "department",
            "community",
            "collected_date",
            "description",
        ]


class AssignForm(forms.Form):
    assignee = forms.CharField(label=_("承办单位/责任人"), max_length=100)
    deadline = forms.DateField(label=_("办理时限"), required=False, widget=DateInput())


class SolveForm(forms.Form):
    result = forms.CharField(label=_("解决结果"), widget=forms.Textarea(attrs={"rows": 3}))
    solved_date = forms.DateField(label=_("解决日期"), widget=DateInput())
