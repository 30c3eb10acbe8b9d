from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "assistance"
urlpatterns = [
    path("", views.archive_list, name="archive_list"),
    path("export/", export_view(exports.ARCHIVES), name="archive_export"),
    path("export/sensitive/", views.archive_export_sensitive, name="archive_export_sensitive"),
    path("new/", views.archive_create, name="archive_create"),
    path("import/", views.archive_import, name="archive_import"),
    path("import/template/", views.archive_import_template, name="archive_import_template"),
    path("statistics/", views.statistics, name="statistics"),
    path("relief/", views.relief_list, name="relief_list"),
    path("relief/export/", export_view(exports.RELIEF), name="relief_export"),
    path("relief/new/", views.relief_create, name="relief_create"),
    path("relief/import/", views.relief_import, name="relief_import"),
    path("relief/import/template/", views.relief_import_template, name="relief_import_template"),
    path("relief/<int:relief_id>/reverse/", views.relief_reverse, name="relief_reverse"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/export/", export_view(exports.BATCHES), name="batch_export"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/<int:batch_id>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:batch_id>/fill/", views.batch_fill, name="batch_fill"),
    path("batches/<int:batch_id>/signed-list/", views.batch_signed_list, name="batch_signed_list"),
    path("batches/<int:batch_id>/bank-file/", views.batch_bank_file, name="batch_bank_file"),
    path("batches/<int:batch_id>/<str:verb>/", views.batch_transition, name="batch_transition"),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/export/", export_view(exports.ENTERPRISES), name="enterprise_export"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("model-workers/", views.model_worker_list, name="model_worker_list"),
    path("model-workers/export/", export_view(exports.MODEL_WORKERS), name="model_worker_export"),
    path("model-workers/new/", views.model_worker_create, name="model_worker_create"),
    path("<int:archive_id>/", views.archive_detail, name="archive_detail"),
    path("<int:archive_id>/edit/", views.archive_edit, name="archive_edit"),
    path("<int:archive_id>/reveal/", views.archive_reveal, name="archive_reveal"),
    path("<int:archive_id>/attachments/", views.archive_attach, name="archive_attach"),
    path(
        "<int:archive_id>/attachments/<int:attachment_id>/",
        views.archive_attachment,
        name="archive_attachment",
    ),
    path("<int:archive_id>/<str:verb>/", views.archive_transition, name="archive_transition"),
]
