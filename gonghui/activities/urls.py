from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "activities"
urlpatterns = [
    path("<int:pk>/indicators/", views.tag_indicator, name="tag_indicator"),
    path("<int:pk>/indicators/options/", views.indicator_options, name="indicator_options"),
    path("", views.activity_list, name="list"),
    path("statistics/", views.statistics, name="statistics"),
    path("export/", export_view(exports.ACTIVITIES), name="export"),
    path("new/", views.create, name="create"),
    path("import/", views.import_activities, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/photos/", views.add_photos, name="add_photos"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
]
