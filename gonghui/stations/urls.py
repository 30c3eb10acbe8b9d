from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "stations"
urlpatterns = [
    path("", views.station_list, name="list"),
    path("statistics/", views.statistics, name="statistics"),
    path("map/", views.station_map, name="map"),
    path("map/layer/", views.map_layer, name="map_layer"),
    path("not-inspected/", views.not_inspected, name="not_inspected"),
    path("not-inspected/export/", export_view(exports.NOT_INSPECTED), name="not_inspected_export"),
    path("export/", export_view(exports.STATIONS), name="export"),
    path("usage/export/", export_view(exports.USAGE), name="usage_export"),
    path("new/", views.create, name="create"),
    path("import/", views.import_stations, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("usage/import/", views.usage_import, name="usage_import"),
    path("usage/import/template/", views.usage_import_template, name="usage_import_template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/qr/", views.qr_code, name="qr"),
    path("<int:pk>/placard/", views.placard, name="placard"),
    path("<int:pk>/photos/", views.add_photos, name="add_photos"),
    path("<int:pk>/photos/<int:photo_id>/", views.photo, name="photo"),
    path("<int:pk>/photos/<int:photo_id>/delete/", views.delete_photo, name="delete_photo"),
    path("<int:pk>/usage/", views.usage, name="usage"),
    path("<int:pk>/inspection/", views.inspection, name="inspection"),
    path("public/", views.finder, name="finder"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    path("public/<int:station_id>/photos/<int:photo_id>/", views.public_photo, name="public_photo"),
]
