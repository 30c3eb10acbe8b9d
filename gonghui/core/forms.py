"""Showing a service's DomainError on the form that sent the input, and the one way a page
handles a form's POST."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

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


def create_page(
    form_class, service, *, template, permission, denied, message, success, context=None
):
    """A login-only page that creates one record. `form_class(data, user=user)` is shown in
    `template` (with `context`); on a valid POST `service(by=user, **values)` is called with
    the form's service_data() (or its cleaned data) and handled by save_form. Without
    `permission` the page answers 403 with `denied`."""

    @login_required
    def view(request):
        if not request.user.has_perm(permission):
            raise PermissionDenied(denied)
        form = form_class(request.POST or None, user=request.user)
        values = getattr(form, "service_data", lambda: form.cleaned_data)
        done = save_form(
            request,
            form,
            lambda: service(by=request.user, **values()),
            message=message,
            success=success,
        )
        return done or render(request, template, {"form": form, **(context or {})})

    return view
