"""Showing a service's DomainError on the form that sent the input, and the one way a page
handles a form's POST."""

from django.contrib import messages
from django.shortcuts import redirect

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


def save_form(request, form, save, *, message, success):
    """Handle a form's POST: when the form is valid call `save()`; its DomainError is shown on
    the form (None is returned, so the caller renders the form again), otherwise `message`
    is flashed and the answer redirects to `success`. `message` and `success` may be callables
    of what `save()` returned."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save()
    except DomainError as exc:
        add_domain_error(form, exc)
        return None
    messages.success(request, message(result) if callable(message) else message)
    return redirect(success(result) if callable(success) else success)
