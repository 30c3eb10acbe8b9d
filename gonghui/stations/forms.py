"""Forms for stations: register/edit with coordinates in any map system, the finder's query,
photos, a month's usage count (人次) and the yearly 星级评定."""

import datetime as dt

from django import forms
from django.utils import timezone
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
    """The public finder's query: a position from the browser, or a typed address or district."""

    lat = forms.FloatField(required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180)
    district = forms.CharField(label=_("地址或区县"), required=False, max_length=100)
    service = forms.ModelChoiceField(
        label=_("服务"),
        queryset=StationService.objects.filter(is_active=True),
        required=False,
        empty_label=_("全部服务"),
    )
    open_now = forms.BooleanField(label=_("仅看正在开放"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class PhotoForm(forms.Form):
    photos = MultiplePhotoField(label=_("照片（JPEG 或 PNG）"))
    caption = forms.CharField(label=_("说明"), required=False, max_length=100)


class MonthInput(forms.TextInput):
    input_type = "month"


class UsageForm(forms.Form):
    month = forms.CharField(label=_("月份"), widget=MonthInput(), max_length=7)
    visits = forms.IntegerField(label=_("服务人次"), min_value=0, max_value=1_000_000)
    note = forms.CharField(label=_("备注"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        self.fields["month"].initial = f"{last:%Y-%m}"

    def clean_month(self) -> dt.date:
        text = self.cleaned_data["month"].strip()
        try:
            return dt.datetime.strptime(text, "%Y-%m").date()
        except ValueError as exc:
            raise forms.ValidationError(_("月份格式如 2026-03")) from exc


class InspectionForm(forms.Form):
    """The year's 星级评定: one score field per active checklist item, then who and when."""

    inspected_on = forms.DateField(label=_("检查日期"), widget=DateInput())
    inspector = forms.CharField(label=_("检查人"), max_length=60)
    note = forms.CharField(
        label=_("检查意见"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photos = MultiplePhotoField(label=_("现场照片（JPEG 或 PNG）"), required=False)

    def __init__(self, *args, items, inspection=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        before = {r["item"]: r["score"] for r in (inspection.results if inspection else [])}
        self.fields["inspected_on"].initial = (
            inspection.inspected_on if inspection else timezone.localdate()
        )
        if inspection:
            self.fields["inspector"].initial = inspection.inspector
            self.fields["note"].initial = inspection.note
        fields = {}
        for item in items:
            fields[f"item_{item.pk}"] = forms.IntegerField(
                label=f"{item.name}（{item.max_score}）",
                min_value=0,
                max_value=item.max_score,
                initial=before.get(item.pk),
                help_text=item.guidance,
            )
        # The checklist first, then date, inspector, opinion and photos.
        self.fields = {**fields, **self.fields}

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "inspected_on": data["inspected_on"],
            "inspector": data["inspector"],
            "note": data["note"],
            "photos": data["photos"],
            "scores": {item.pk: data[f"item_{item.pk}"] for item in self.items},
        }
