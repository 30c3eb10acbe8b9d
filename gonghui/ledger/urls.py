from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "ledger"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", export_view(exports.LEDGER), name="index_export"),
    path("tasks/<int:pk>/", views.task, name="task"),
    path("tasks/<int:pk>/go/", views.task, name="item_for_assignment"),
    path("tasks/<int:pk>/act/", views.act, name="act"),
    path("items/<int:pk>/", views.item, name="item"),
    path("files/<int:pk>/", views.download, name="file"),
    path("links/<int:pk>/screenshot/", views.screenshot, name="screenshot"),
    path("monthly/", views.monthly, name="monthly"),
    path("meeting/", views.meeting, name="meeting"),
    path("meeting/export/", export_view(exports.MONTHLY_REPORTS), name="meeting_export"),
    path("meeting/reports/<int:pk>/review/", views.review_report, name="review_report"),
    path("exports/<int:campaign_pk>/", views.exports, name="exports"),
    path("exports/status/<int:pk>/", views.export_status, name="export_status"),
    path("exports/download/<int:pk>/", views.export_download, name="export_download"),
]
