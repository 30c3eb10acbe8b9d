"""Searchable pickers: choosing one record (or several) among many without a truncated list.

An app registers a source (`register("department", ...)` in its `pickers.py`): the records a user
may choose, unsliced and already scoped to them, how to search them and how to label them. A
`PickerField` renders a text input whose suggestions come from the one search endpoint below, and
resolves what was typed through the same scoped source, so an id or code outside the user's scope
gets the same "not found" answer as one that does not exist, and no name is ever shown for it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .exceptions import ValidationFailed

SUGGESTIONS = 20
NOT_FOUND = _("找不到该记录，或不在您的管理范围内；请从提示中选择")


@dataclass(frozen=True)
class Source:
    """Where a picker's records come from.

    `choices(user, **params)` returns every record the user may choose (a QuerySet, never
    sliced); `params` are the narrowing the form asks for (strings or ints, such as the id of an
    organisation whose subtree is meant) and the source resolves them through the user's scope
    too. `key` is the field a typed value names: the primary key, or a code people read out.
    """

    name: str
    model: type[models.Model]
    choices: Callable[..., models.QuerySet]
    search: Callable[[models.QuerySet, str], models.QuerySet]
    label: Callable[[models.Model], str] = str
    key: str = "pk"
    params: tuple[str, ...] = ()
    normalize: Callable[[str], str] = field(default=str.strip)

    def key_of(self, obj) -> str:
        return str(getattr(obj, self.key))

    def queryset(self, user, params: dict | None = None) -> models.QuerySet:
        given = {
            k: v for k, v in (params or {}).items() if k in self.params and v not in ("", None)
        }
        return self.choices(user, **given)

    def find(self, queryset, keys) -> dict[str, models.Model]:
        """The records of `queryset` named by `keys`, by key; an unreadable key finds nothing."""
        keys = list(dict.fromkeys(self.normalize(str(k)) for k in keys if k not in ("", None)))
        if not keys:
            return {}
        try:
            return {self.key_of(o): o for o in queryset.filter(**{f"{self.key}__in": keys})}
        except (ValueError, TypeError, ValidationError):
            return {}

    def resolve(self, user, keys, params: dict | None = None, *, field: str | None = None):
        """The records named by `keys` (ids or codes from a request body), in order, within the
        user's scope; any other key fails as not found, whether it exists elsewhere or not."""
        keys = list(dict.fromkeys(self.normalize(str(k)) for k in keys if k not in ("", None)))
        found = self.find(self.queryset(user, params), keys)
        missing = [k for k in keys if k not in found]
        if missing:
            raise ValidationFailed(
                gettext("找不到编号为 %(keys)s 的记录，或不在您的管理范围内")
                % {"keys": "、".join(missing)},
                field=field,
            )
        return [found[k] for k in keys]

    def suggestions(self, user, term: str, params: dict | None = None, *, limit=SUGGESTIONS):
        term = term.strip()
        if not term:
            return []
        found = self.search(self.queryset(user, params), term)[:limit]
        return [(self.key_of(obj), self.label(obj)) for obj in found]


_SOURCES: dict[str, Source] = {}
_discovered = False


def register(name: str, *, model, choices, search, label=str, key="pk", params=(), normalize=None):
    source = Source(
        name=name,
        model=model,
        choices=choices,
        search=search,
        label=label,
        key=key,
        params=tuple(params),
        normalize=normalize or str.strip,
    )
    _SOURCES[name] = source
    return source


def get_source(name: str) -> Source:
    global _discovered
    if name not in _SOURCES and not _discovered:
        autodiscover_modules("pickers")
        _discovered = True
    try:
        return _SOURCES[name]
    except KeyError as exc:
        raise Http404(name) from exc


def _typed_key(text: str) -> str:
    """'名称 #12' → '12'; a bare key is taken as it is."""
    return text.rsplit("#", 1)[-1].strip() if "#" in text else text


# --- widgets --------------------------------------------------------------------------------


class _SearchURL:
    source_name = ""
    params: dict = {}

    def search_url(self) -> str:
        # Built when rendering: forms are defined while the URLconf is still being imported.
        base = reverse("core:picker", args=[self.source_name])
        return f"{base}?{urlencode(self.params)}" if self.params else base


class PickerInput(_SearchURL, forms.TextInput):
    """A text box with suggestions fetched as one types (a datalist filled by htmx)."""

    template_name = "core/pickers/input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["url"] = self.search_url()
        return context


class MultiplePickerInput(_SearchURL, forms.Widget):
    """A search box whose matches come back as checkboxes; the checked ones are kept."""

    template_name = "core/pickers/multiple.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["url"] = self.search_url()
        context["widget"]["chosen"] = value or []
        return context

    def format_value(self, value):
        return value  # (key, label) pairs prepared by the field

    def value_from_datadict(self, data, files, name):
        try:
            return data.getlist(name)
        except AttributeError:
            return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # nothing checked is a value (the empty list), as for checkboxes


# --- fields ---------------------------------------------------------------------------------


class _PickerMixin:
    source: Source

    def _setup(self, source):
        self.source = get_source(source) if isinstance(source, str) else source
        self.widget.source_name = self.source.name

    def scope(self, user, **params):
        """Limit the choices to what `user` may pick, narrowed by the source's `params`."""
        params = {k: v for k, v in params.items() if v not in ("", None)}
        self.queryset = self.source.queryset(user, params)
        self.widget.params = params
        return self

    def _label(self, obj) -> str:
        return self.source.label(obj)

    def _resolve(self, keys) -> dict[str, models.Model]:
        return self.source.find(self.queryset, keys) if self.queryset is not None else {}


class PickerField(_PickerMixin, forms.ModelChoiceField):
    """One record typed as '名称 #id' (or a bare id / code) and resolved through the scope."""

    widget = PickerInput
    default_error_messages = {"invalid_choice": NOT_FOUND}

    def __init__(self, source, **kwargs):
        source = get_source(source) if isinstance(source, str) else source
        kwargs.setdefault("queryset", source.model.objects.none())
        super().__init__(to_field_name=None if source.key == "pk" else source.key, **kwargs)
        self._setup(source)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.source.model):
            value = self.source.key_of(value)
        text = str(value).strip()
        key = self.source.normalize(_typed_key(text))
        obj = self._resolve([key]).get(key)
        if obj is None:
            obj = self.resolve_text(text)
        if obj is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return obj

    def resolve_text(self, text: str):
        """A hook for sources that also accept something other than the key (such as a name)."""
        return None

    def prepare_value(self, value):
        # Only a record within the scope is ever labelled; anything else is shown as typed.
        if value in self.empty_values:
            return value
        if isinstance(value, models.Model):
            key = self.source.key_of(value)
        else:
            key = self.source.normalize(_typed_key(str(value)))
        obj = self._resolve([key]).get(key)
        if obj is None:
            return key if isinstance(value, models.Model) else value
        return f"{self._label(obj)} #{key}"

    def has_changed(self, initial, data):
        return str(self.prepare_value(initial) or "") != str(self.prepare_value(data) or "")


class MultiplePickerField(_PickerMixin, forms.ModelMultipleChoiceField):
    """Several records, each checked among the matches of a search, resolved through the scope."""

    widget = MultiplePickerInput
    default_error_messages = {
        "invalid_choice": _("找不到编号为 %(value)s 的记录，或不在您的管理范围内"),
        "invalid_pk_value": _("“%(pk)s”不是有效的编号"),
        "invalid_list": _("请选择一个或多个"),
    }

    def __init__(self, source, **kwargs):
        source = get_source(source) if isinstance(source, str) else source
        kwargs.setdefault("queryset", source.model.objects.none())
        super().__init__(to_field_name=None if source.key == "pk" else source.key, **kwargs)
        self._setup(source)

    def clean(self, value):
        # The parent first turns the value into what the widget shows ((key, label) pairs
        # here); validation wants the keys as posted.
        if not value:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return self.queryset.none()
        if not isinstance(value, list | tuple):
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        keys = [self.source.normalize(str(v)) for v in value]
        found = self._check_values(keys)
        self.run_validators(keys)
        return found

    def prepare_value(self, value):
        if value in self.empty_values:
            return []
        if not isinstance(value, list | tuple | models.QuerySet):
            value = [value]
        keys = [self.source.key_of(v) if isinstance(v, models.Model) else str(v) for v in value]
        found = self._resolve(keys)
        return [(k, self._label(found[k])) for k in dict.fromkeys(keys) if k in found]

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != self.prepare_value(data)


# --- the search endpoint --------------------------------------------------------------------


@login_required
def search(request, name: str):
    """Suggestions of one source within the user's scope.

    htmx asks with the typed term under the input's own name (`field` says which) and gets
    datalist options, or checkboxes when `mode=multiple` (the already checked `name` values come
    first, still checked); anything else gets JSON `{"results": [{"id", "label"}]}`.
    """
    source = get_source(name)
    term_key = request.GET.get("field") or "q"
    term = request.GET.get(term_key, "")
    params = {k: request.GET.get(k) for k in source.params if k != term_key}
    results = source.suggestions(request.user, term, params)
    if not request.headers.get("HX-Request"):
        return JsonResponse({"results": [{"id": k, "label": v} for k, v in results]})
    if request.GET.get("mode") != "multiple":
        return render(request, "core/pickers/_options.html", {"results": results})
    input_name = request.GET.get("name", "")
    checked = []
    if input_name:
        found = source.find(source.queryset(request.user, params), request.GET.getlist(input_name))
        checked = [(key, source.label(obj)) for key, obj in found.items()]
    seen = {k for k, _label in checked}
    return render(
        request,
        "core/pickers/_checks.html",
        {
            "name": input_name,
            "checked": checked,
            "results": [(k, v) for k, v in results if k not in seen],
        },
    )
