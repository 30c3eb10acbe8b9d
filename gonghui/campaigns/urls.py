from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.create, name="create"),
    path("export/", export_view(exports.CAMPAIGNS), name="export"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("tasks/export/", export_view(exports.MY_TASKS), name="my_tasks_export"),
    path("notifications/read/", views.read_notifications, name="read_notifications"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/lookback/", views.lookback, name="lookback"),
    path("<int:pk>/lookback/export/", views.lookback_export, name="lookback_export"),
    path("<int:pk>/score/", views.score, name="score"),
    path("<int:pk>/score/grade/", views.set_grade, name="set_grade"),
    path("<int:pk>/score/occurrence/", views.record_occurrence, name="record_occurrence"),
    path("frameworks/import/", views.framework_import, name="framework_import"),
    path("frameworks/template/", views.framework_template, name="framework_template"),
    path("frameworks/examples/", views.load_examples, name="load_examples"),
    path("frameworks/<int:pk>/", views.framework_version, name="framework_version"),
    path("frameworks/<int:pk>/export/", views.framework_export, name="framework_export"),
    path("frameworks/<int:pk>/copy/", views.framework_copy, name="framework_copy"),
    path("frameworks/<int:pk>/nodes/new/", views.node_add, name="node_add"),
    path("frameworks/nodes/<int:pk>/edit/", views.node_edit, name="node_edit"),
    path("frameworks/nodes/<int:pk>/delete/", views.node_delete, name="node_delete"),
]
