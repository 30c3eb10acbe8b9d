from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("screen/", views.screen, name="screen"),
    *(
        path(f"dashboard/export/{table}/", export_view(export), name=f"export_{table}")
        for table, export in exports.TABLES.items()
    ),
]
