"""Showing a service's DomainError on the form that sent the input."""

from .concurrency import EditConflict
from .exceptions import DomainError, ValidationFailed


def add_domain_error(form, exc: DomainError) -> None:
    """Field errors go next to their field, anything else above the form."""
    if isinstance(exc, EditConflict) and hasattr(form, "refresh_version"):
        form.refresh_version(exc.current_version)
    if isinstance(exc, ValidationFailed) and isinstance(exc.errors, dict) and exc.errors:
        for field, message in exc.errors.items():
            form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
