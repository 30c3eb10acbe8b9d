"""html5_formfield: model forms choose HTML5 date inputs and short text areas in one place."""

from django import forms

from gonghui.core.widgets import DateInput, DateTimeInput, html5_formfield
from gonghui.volunteering.models import Problem, ServiceEvent


class EventForm(forms.ModelForm):
    class Meta:
        model = ServiceEvent
        fields = ["title", "start_at", "description"]
        formfield_callback = html5_formfield


class ProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = ["collected_date", "description"]
        formfield_callback = html5_formfield
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


def test_dates_and_times_get_html5_inputs_and_text_three_rows():
    fields = EventForm.base_fields
    assert type(fields["start_at"].widget) is DateTimeInput
    assert type(fields["title"].widget) is forms.TextInput
    assert fields["description"].widget.attrs["rows"] == 3
    assert type(ProblemForm.base_fields["collected_date"].widget) is DateInput


def test_a_widget_named_in_meta_wins():
    assert ProblemForm.base_fields["description"].widget.attrs["rows"] == 6
