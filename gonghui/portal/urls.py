from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("wishes/", views.wish_board, name="wish_board"),
    path("wishes/<int:pk>/", views.wish_detail, name="wish_detail"),
]
