from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("export/", export_view(exports.REPORTS), name="export"),
    path("new/", views.create, name="create"),
    path("<int:report_id>/", views.edit, name="edit"),
    path("<int:report_id>/regenerate/", views.regenerate, name="regenerate"),
    path("<int:report_id>/report.docx", views.download("docx"), name="download_docx"),
    path("<int:report_id>/report.pdf", views.download("pdf"), name="download_pdf"),
    path("<int:report_id>/annex.xlsx", views.download("xlsx"), name="download_xlsx"),
]
