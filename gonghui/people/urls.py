from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("export/", export_view(exports.PEOPLE), name="export"),
    path("new/", views.create, name="create"),
    path("import/", views.import_people, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/reveal/", views.reveal, name="reveal"),
]
