from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "organizations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("export/", export_view(exports.TREE), name="tree_export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/children/", views.children, name="children"),
    path("<int:parent_pk>/new/", views.create, name="create"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/departments/new/", views.department_create, name="department_create"),
]
