"""Login, logout, profile and API tokens."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.templatetags.cn import cn_date

from . import selectors, services
from .forms import LoginForm
from .models import token_lifetime


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def profile(request):
    tokens = selectors.tokens_of(request.user)
    return render(
        request,
        "accounts/profile.html",
        {"tokens": tokens, "now": timezone.now(), "token_days": token_lifetime().days},
    )


@login_required
@require_POST
def create_token(request):
    token, key = services.create_api_token(by=request.user, name=request.POST.get("name", ""))
    messages.success(
        request,
        _("新令牌：%(key)s（只显示这一次，请妥善保存；%(date)s 过期）")
        % {"key": key, "date": cn_date(token.expires_at)},
    )
    return redirect("accounts:profile")


@login_required
@require_POST
def revoke_token(request, pk: int):
    token = selectors.get_token_for_user(request.user, pk)
    services.revoke_api_token(by=request.user, token=token)
    messages.success(request, _("令牌已吊销"))
    return redirect("accounts:profile")
