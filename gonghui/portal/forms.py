"""Public forms: claiming a wish (with a honeypot field that people never see)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.wishes.models import Wish

HONEYPOT = "website"


class ClaimForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("认领方式"),
        choices=[
            (Wish.ClaimantKind.PUBLIC, _("个人（爱心人士）")),
            (Wish.ClaimantKind.ENTERPRISE, _("企业（爱心企业）")),
        ],
        initial=Wish.ClaimantKind.PUBLIC,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("您的姓名"), max_length=100)
    phone = forms.CharField(
        label=_("手机号"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("仅工会经办人员可见，用于联系您送达心愿"),
    )
    company = forms.CharField(
        label=_("企业名称"), max_length=100, required=False, help_text=_("以企业名义认领时填写")
    )
    website = forms.CharField(
        label=_("网址"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, staff_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if staff_user is not None:
            # Logged-in union staff claim as 机关干部职工; name and phone come from the account.
            for name in ("kind", "company"):
                del self.fields[name]
            self.fields["name"].required = False
            self.fields["phone"].required = False

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))
