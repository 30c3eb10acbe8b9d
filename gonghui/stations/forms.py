"""Forms for stations: register/edit with coordinates in any map system, the finder's query."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.concurrency import VersionedFormMixin
from gonghui.core.widgets import DateInput
from gonghui.organizations.models import Organization
from gonghui.organizations.pickers import OrganizationChoiceField

from . import coords, hours
from .models import Station, StationKind, StationService

COORD_SYSTEMS = [
    (coords.System.WGS84, _("WGS-84 / CGCS2000（天地图、GPS）")),
    (coords.System.GCJ02, _("GCJ-02（高德、腾讯地图）")),
    (coords.System.BD09, _("BD-09（百度地图）")),
]


class StationForm(VersionedFormMixin, forms.ModelForm):
    organization = OrganizationChoiceField(
        label=_("所属组织"), queryset=Organization.objects.none()
    )
    kind = forms.ModelChoiceField(
        label=_("类型"), queryset=StationKind.objects.filter(is_active=True)
    )
    services = forms.ModelMultipleChoiceField(
        label=_("服务项目"),
        queryset=StationService.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    coord_system = forms.ChoiceField(
        label=_("坐标系"), choices=COORD_SYSTEMS, initial=coords.System.WGS84
    )
    latitude = forms.FloatField(label=_("纬度"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("经度"), min_value=-180, max_value=180)
    hours_text = forms.CharField(
        label=_("开放时间"),
        required=False,
        help_text=_(
            "24h 表示全天开放；或按星期填写，如 1-5 08:00-20:00; 6,7 09:00-17:00（跨午夜如 22:00-06:00）"
        ),
    )

    class Meta:
        model = Station
        fields = [
            "code",
            "name",
            "kind",
            "organization",
            "host_unit",
            "district",
            "address",
            "status",
            "opened_date",
            "contact_name",
            "contact_phone",
            "note",
        ]
        widgets = {"opened_date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        if self.instance.pk:
            self.fields["latitude"].initial = self.instance.latitude
            self.fields["longitude"].initial = self.instance.longitude
            self.fields["hours_text"].initial = hours.as_text(self.instance.opening_hours)
            self.fields["services"].initial = [s.pk for s in self.instance.services.all()]
        elif user.organization_id:
            self.fields["organization"].initial = user.organization

    def clean_hours_text(self):
        text = self.cleaned_data["hours_text"]
        try:
            hours.parse_hours(text)
        except hours.HoursError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return text

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class FinderForm(forms.Form):
    """The public finder's query: a position from the browser, or a typed district."""

    lat = forms.FloatField(required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180)
    district = forms.CharField(label=_("区县"), required=False, max_length=50)
    service = forms.ModelChoiceField(
        label=_("服务"),
        queryset=StationService.objects.filter(is_active=True),
        required=False,
        empty_label=_("全部服务"),
    )
    open_now = forms.BooleanField(label=_("仅看正在开放"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
