from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "demands"
urlpatterns = [
    path("", views.demand_list, name="list"),
    path("export/", export_view(exports.DEMANDS), name="export"),
    path("supervision/", views.supervision, name="supervision"),
    path("supervision/export/", export_view(exports.SUPERVISED), name="supervision_export"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export/", views.statistics_export, name="statistics_export"),
    path("statistics/hot-topics/", views.hot_topics, name="hot_topics"),
    path("new/", views.create, name="create"),
    path("hotline/", views.hotline, name="hotline"),
    path("public/new/", views.public_new, name="public_new"),
    path("public/done/", views.public_done, name="public_done"),
    path("public/track/", views.public_track, name="public_track"),
    path("public/rate/", views.public_rate, name="public_rate"),
    path("<int:demand_id>/", views.detail, name="detail"),
    path("<int:demand_id>/reveal/", views.reveal, name="reveal"),
    path("<int:demand_id>/transfer/", views.transfer, name="transfer"),
    path("<int:demand_id>/return/", views.return_up, name="return"),
    path("<int:demand_id>/note/", views.add_note, name="note"),
    path("<int:demand_id>/join/", views.join, name="join"),
    path("<int:demand_id>/answer/", views.answer, name="answer"),
    path("<int:demand_id>/follow-up/", views.follow_up, name="follow_up"),
    path(
        "<int:demand_id>/attachments/<int:demand_file_id>/",
        views.attachment,
        name="attachment",
    ),
    path("<int:demand_id>/<str:verb>/", views.transition, name="transition"),
]
