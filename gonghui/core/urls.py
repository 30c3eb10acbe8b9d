from django.urls import path

from . import pickers, views

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_log, name="audit"),
    path("pickers/<slug:name>/", pickers.search, name="picker"),
]
