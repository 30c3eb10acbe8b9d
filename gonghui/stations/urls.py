from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "stations"
urlpatterns = [
    path("", views.station_list, name="list"),
    path("statistics/", views.statistics, name="statistics"),
    path("export/", export_view(exports.STATIONS), name="export"),
    path("new/", views.create, name="create"),
    path("import/", views.import_stations, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/qr/", views.qr_code, name="qr"),
    path("public/", views.finder, name="finder"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
]
