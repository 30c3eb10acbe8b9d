"""save_form and create_page: the one way a page handles a form's POST."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from gonghui.core.exceptions import DomainError
from gonghui.core.forms import create_page, save_form


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/things/new/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _raise(message, field=None):
    raise DomainError(message, field=field)


def test_a_valid_post_saves_flashes_and_redirects_to_the_saved_record():
    request = _request(data={"name": "甲"})
    form = NameForm(request.POST)
    saved = []
    response = save_form(
        request,
        form,
        lambda: saved.append(form.cleaned_data["name"]) or 7,
        message=lambda pk: f"已保存 {pk}",
        success=lambda pk: f"/things/{pk}/",
    )
    assert saved == ["甲"]
    assert response.status_code == 302 and response.url == "/things/7/"
    assert [m.message for m in get_messages(request)] == ["已保存 7"]


def test_a_domain_error_is_shown_on_its_field_and_nothing_redirects():
    request = _request(data={"name": "甲"})
    form = NameForm(request.POST)
    response = save_form(
        request, form, lambda: _raise("重名", field="name"), message="已保存", success="/"
    )
    assert response is None
    assert form.errors == {"name": ["重名"]}
    assert list(get_messages(request)) == []


def test_an_invalid_post_or_a_get_does_not_save():
    calls = []
    for request, form in (
        (_request(data={}), NameForm({})),
        (_request("get"), NameForm(None)),
    ):
        assert save_form(request, form, lambda: calls.append(1), message="", success="/") is None
    assert calls == []


class UserNameForm(NameForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


def _page(saved):
    return create_page(
        UserNameForm,
        lambda *, by, name: saved.append((by, name)) or 3,
        template="nothing.html",
        permission="things.add_thing",
        denied="无权新建",
        message="已保存",
        success=lambda pk: f"/things/{pk}/",
    )


def test_create_page_refuses_without_the_permission():
    request = _request(data={"name": "甲"})
    request.user = SimpleNamespace(is_authenticated=True, has_perm=lambda perm: False)
    saved = []
    with pytest.raises(PermissionDenied):
        _page(saved)(request)
    assert saved == []


def test_create_page_saves_through_the_service_as_the_user():
    request = _request(data={"name": "甲"})
    user = SimpleNamespace(is_authenticated=True, has_perm=lambda perm: perm == "things.add_thing")
    request.user = user
    saved = []
    response = _page(saved)(request)
    assert saved == [(user, "甲")]
    assert response.url == "/things/3/"
