"""Pages of the ingestion app."""

from django.urls import path

from . import views

app_name = "ingest"
urlpatterns = [
    path("", views.document_list, name="index"),
    path("export/", views.document_export, name="export"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.review, name="review"),
    path("proposals/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("proposals/<int:pk>/discard/", views.discard, name="discard"),
]
