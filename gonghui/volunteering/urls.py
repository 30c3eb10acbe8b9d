from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "volunteering"
urlpatterns = [
    path("", views.index, name="index"),
    path("teams/", views.team_list, name="teams"),
    path("teams/export/", export_view(exports.TEAMS), name="teams_export"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("volunteers/", views.volunteer_list, name="volunteers"),
    path("volunteers/export/", export_view(exports.VOLUNTEERS), name="volunteers_export"),
    path("volunteers/new/", views.volunteer_create, name="volunteer_create"),
    path("volunteers/<int:pk>/", views.volunteer_detail, name="volunteer"),
    path("volunteers/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("events/", views.event_list, name="events"),
    path("events/export/", export_view(exports.EVENTS), name="events_export"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/<str:verb>/", views.event_action, name="event_action"),
    path("signups/<int:pk>/<str:verb>/", views.signup_action, name="signup_action"),
    path("hours/", views.hours_list, name="hours"),
    path("hours/export/", export_view(exports.HOURS), name="hours_export"),
    path("hours/new/", views.hours_create, name="hours_create"),
    path("hours/<int:pk>/<str:verb>/", views.hours_action, name="hours_action"),
    path("pairings/", views.pairing_list, name="pairings"),
    path("pairings/export/", export_view(exports.PAIRINGS), name="pairings_export"),
    path("pairings/new/", views.pairing_create, name="pairing_create"),
    path("visits/", views.visit_list, name="visits"),
    path("visits/export/", export_view(exports.VISITS), name="visits_export"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("problems/", views.problem_list, name="problems"),
    path("problems/export/", export_view(exports.PROBLEMS), name="problems_export"),
    path("problems/new/", views.problem_create, name="problem_create"),
    path("problems/<int:pk>/", views.problem_detail, name="problem"),
    path("public/", views.public_events, name="public_events"),
    path("public/<int:pk>/signup/", views.public_sign_up, name="public_sign_up"),
]
