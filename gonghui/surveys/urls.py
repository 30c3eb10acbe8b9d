from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("export/", export_view(exports.SURVEYS), name="export"),
    path("new/", views.create, name="create"),
    path("<int:survey_id>/", views.detail, name="detail"),
    path("<int:survey_id>/questions/", views.add_question, name="add_question"),
    path("<int:survey_id>/channels/", views.add_channel, name="add_channel"),
    path("<int:survey_id>/channels/<int:channel_id>/qr/", views.qr_code, name="qr"),
    path("<int:survey_id>/tokens/", views.token_list, name="tokens"),
    path("<int:survey_id>/results/", views.schedule_results, name="schedule_results"),
    path("<int:survey_id>/statistics/", views.statistics, name="statistics"),
    path("<int:survey_id>/statistics.xlsx", views.export_statistics, name="export_statistics"),
    path("<int:survey_id>/ranking.xlsx", views.export_ranking, name="export_ranking"),
    path("<int:survey_id>/responses.csv", views.export_responses, name="export_responses"),
    path("<int:survey_id>/report.docx", views.report_docx, name="report"),
    path("<int:survey_id>/crosstab/", views.crosstab, name="crosstab"),
    path("<int:survey_id>/texts/", views.texts, name="texts"),
    path("<int:survey_id>/paper/", views.paper_entry, name="paper"),
    path("<int:survey_id>/import/", views.paper_import, name="import"),
    path("<int:survey_id>/problems/", views.problems, name="problems"),
    path("<int:survey_id>/tasks/<int:task_id>/<str:verb>/", views.task_action, name="task_action"),
    path("<int:survey_id>/<str:verb>/", views.transition, name="transition"),
    path("quizzes/", views.quiz_list, name="quiz_list"),
    path("quizzes/export/", export_view(exports.QUIZZES), name="quiz_export"),
    path("quizzes/new/", views.quiz_create, name="quiz_create"),
    path("quizzes/<int:quiz_id>/", views.quiz_detail, name="quiz_detail"),
    path("quizzes/<int:quiz_id>/qr/", views.quiz_qr, name="quiz_qr"),
    # Public (no login): answering by link or QR code, results once published, quizzes.
    path("a/<str:access_key>/", views.answer, name="answer"),
    path("a/<str:access_key>/thanks/", views.thanks, name="thanks"),
    path("results/<int:survey_id>/", views.results, name="results"),
    path("q/<str:access_key>/", views.quiz_public, name="quiz_public"),
    path("q/<str:access_key>/<int:attempt_id>/", views.quiz_attempt, name="quiz_attempt"),
]
