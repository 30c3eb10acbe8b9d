"""Password strength beyond Django's validators: letters and digits both required."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    def validate(self, password, user=None):
        if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
            raise ValidationError(_("密码必须同时包含字母和数字"), code="password_classes")

    def get_help_text(self):
        return _("密码必须同时包含字母和数字。")
