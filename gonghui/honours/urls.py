from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "honours"
urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("new/", views.round_create, name="round_create"),
    path("statistics/", views.statistics, name="statistics"),
    path("nominations/", views.nominations, name="nominations"),
    path("nominations/export/", export_view(exports.NOMINATIONS), name="export"),
    path("honourees/export/", export_view(exports.HONOUREES), name="honourees_export"),
    path("<int:round_id>/", views.round_detail, name="round"),
    path("<int:round_id>/quota/", views.round_quota, name="round_quota"),
    path("<int:round_id>/rule/", views.round_rule, name="round_rule"),
    path("<int:round_id>/decision/", views.round_decision, name="round_decision"),
    path("<int:round_id>/nominate/", views.nomination_create, name="nominate"),
    path("<int:round_id>/import/", views.nomination_import, name="nomination_import"),
    path(
        "<int:round_id>/import/template/",
        views.nomination_import_template,
        name="nomination_import_template",
    ),
    path("<int:round_id>/<str:verb>/", views.round_action, name="round_action"),
    path("nominations/<int:nomination_id>/", views.nomination_detail, name="nomination"),
    path(
        "nominations/<int:nomination_id>/opinion/",
        views.nomination_opinion,
        name="nomination_opinion",
    ),
    path(
        "nominations/<int:nomination_id>/attach/", views.nomination_attach, name="nomination_attach"
    ),
    path(
        "nominations/<int:nomination_id>/files/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path(
        "nominations/<int:nomination_id>/<str:verb>/",
        views.nomination_action,
        name="nomination_action",
    ),
]
