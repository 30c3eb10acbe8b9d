"""HTML5 date and time inputs. Browsers accept only ISO values in them, whatever the locale's
own date format is (zh-hans renders 2020/06/03, which a date input silently drops). And the
model forms' rule for choosing them (html5_formfield)."""

from django import forms
from django.db import models


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def html5_formfield(model_field, **kwargs):
    """A model form's `formfield_callback`: dates and times get the HTML5 inputs, long text a
    three-row text area, unless the form's Meta.widgets names another widget."""
    if isinstance(model_field, models.DateTimeField):
        kwargs.setdefault("widget", DateTimeInput())
    elif isinstance(model_field, models.DateField):
        kwargs.setdefault("widget", DateInput())
    elif isinstance(model_field, models.TextField):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
    return model_field.formfield(**kwargs)
