"""Pages of the ingestion app."""

from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "ingest"
urlpatterns = [
    path("", views.document_list, name="index"),
    path("export/", export_view(exports.DOCUMENTS), name="export"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.review, name="review"),
    path("proposals/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("proposals/<int:pk>/discard/", views.discard, name="discard"),
]
