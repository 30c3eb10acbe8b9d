from django.urls import path

from gonghui.exports.http import export_view

from . import exports, views

app_name = "wishes"
urlpatterns = [
    path("", views.wish_list, name="list"),
    path("export/", export_view(exports.WISHES), name="export"),
    path("statistics/", views.statistics, name="statistics"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reveal/", views.reveal, name="reveal"),
    path("<int:pk>/reveal-claimant/", views.reveal_claimant, name="reveal_claimant"),
    path("<int:pk>/photo/", views.photo, name="photo"),
    path("<int:pk>/deliver/", views.deliver, name="deliver"),
    path("<int:pk>/<str:verb>/", views.transition, name="transition"),
]
