from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("tokens/new/", views.create_token, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="token_revoke"),
]
