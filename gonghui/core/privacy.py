"""Masking of sensitive personal information (《个人信息保护法》) and the permission that lifts it."""

SENSITIVE_PERMISSION = "people.view_sensitive"


def can_view_sensitive(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(SENSITIVE_PERMISSION))


def mask_id_number(value: str | None) -> str:
    """4101**********1234: region prefix and last four only."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    """138****5678."""
    if not value:
        return ""
    digits = value.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(value: str | None) -> str:
    """张* / 欧阳** — the family name stays, the given name is hidden."""
    if not value:
        return ""
    value = value.strip()
    if len(value) <= 1:
        return value
    if len(value) >= 4:  # likely a compound family name
        return value[:2] + "*" * (len(value) - 2)
    return value[0] + "*" * (len(value) - 1)


def mask_text(value: str | None, keep: int = 2) -> str:
    """A free-text sensitive field (address, bank account): the first characters only."""
    if not value:
        return ""
    return value[:keep] + "*" * max(len(value) - keep, 2)
