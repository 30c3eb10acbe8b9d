"""Public pages: the portal home and the wish board with its claim form. No login needed."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.core.exceptions import DomainError
from gonghui.wishes import selectors as wish_selectors
from gonghui.wishes import services as wish_services
from gonghui.wishes.models import Wish
from gonghui.wishes.services import AlreadyClaimed

from . import throttle
from .forms import ClaimForm

CLAIM_FIELDS = ("kind", "name", "phone", "company")


def home(request):
    return render(request, "portal/home.html", {"wish_counts": wish_selectors.board_counts()})


def wish_board(request):
    tab = request.GET.get("tab", "open")
    category = request.GET.get("category", "")
    qs = wish_selectors.board_wishes(tab=tab, category=category)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/wishes/board.html",
        {
            "page": page,
            "tab": tab if tab in wish_selectors.BOARD_TABS else "open",
            "category": category,
            "categories": Wish.Category.choices,
        },
    )


def wish_detail(request, pk: int):
    wish = wish_selectors.get_board_wish(pk)
    staff = request.user if request.user.is_authenticated else None
    form = ClaimForm(request.POST if request.method == "POST" else None, staff_user=staff)
    status = 200
    if request.method == "POST":
        if not throttle.claim_allowed(request):
            messages.error(request, _("提交过于频繁，请稍后再试"))
            status = 429
        elif form.is_bot:
            # Pretend all went well so that the robot learns nothing; nothing is claimed.
            messages.success(request, _("已收到您的认领，工作人员将与您联系"))
            return redirect("portal:wish_detail", pk=pk)
        elif not form.is_valid():
            status = 400
        else:
            try:
                wish_services.claim_wish(
                    wish=wish,
                    by=staff,
                    **{k: v for k, v in form.cleaned_data.items() if k in CLAIM_FIELDS},
                )
            except AlreadyClaimed as exc:
                messages.error(request, exc.message)
                wish = wish_selectors.get_board_wish(pk)
                status = 409
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = 400
            else:
                messages.success(
                    request, _("认领成功！感谢您的爱心，工会工作人员将尽快与您联系送达心愿。")
                )
                return redirect("portal:wish_detail", pk=pk)
    return render(
        request,
        "portal/wishes/detail.html",
        {"wish": wish, "form": form, "staff": staff},
        status=status,
    )
