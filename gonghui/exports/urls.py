from django.urls import path

from . import exports, views
from .http import export_view

app_name = "exports"
urlpatterns = [
    path("", views.export_list, name="list"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/download/", views.download, name="download"),
    path("audit-log/", export_view(exports.AUDIT_LOG), name="audit_log"),
]
