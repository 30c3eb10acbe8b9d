from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("export/", export_view(exports.NOTICES), name="export"),
    path("<int:notice_id>/", views.detail, name="detail"),
    path("<int:notice_id>/withdraw/", views.withdraw, name="withdraw"),
    path("objections/", views.objection_list, name="objections"),
    path("objections/<int:objection_id>/", views.objection, name="objection"),
    path("objections/<int:objection_id>/reveal/", views.objection_reveal, name="objection_reveal"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<int:day_id>/delete/", views.calendar_delete, name="calendar_delete"),
    path("public/", views.public_index, name="public_index"),
    path("public/<int:notice_id>/", views.public, name="public"),
    path("public/<int:notice_id>/print/", views.public_print, name="public_print"),
]
