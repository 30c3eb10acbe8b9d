"""The one workflow kernel: a status enum, a transition table, and `apply()` for every verb.

Each app keeps its own `workflow.py` with a `Status(models.TextChoices)` and a `TRANSITIONS`
table {verb: (from_states, to_state)} naming the history model its rows go to; verbs beyond
the shared ones are declared with their labels in the app's `VERBS`. A service checks its own
rules (permission, input) and makes one `apply()` call, which checks the transition, moves the
status with a conditional UPDATE, writes one history row and the audit entry, and queues the
app's notification for after the commit.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import audit
from .exceptions import InvalidTransition
from .registry import app_modules

# The shared verbs: the same name means the same thing in every app.
SHARED_VERBS = {
    "submit": _("提交"),
    "approve": _("通过"),
    "return": _("退回"),
    "withdraw": _("撤回"),
    "publish": _("发布"),
    "claim": _("认领"),
    "close": _("办结"),
    "archive": _("归档"),
}


class VerbLabels(Mapping):
    """Every verb's label: the shared ones above plus those each app declares as
    `VERBS = {verb: label}` in its own workflow.py (read once, on first use). An app may not
    give a shared verb, or another app's verb, a different label."""

    def __init__(self, shared: Mapping[str, str]):
        self._shared = dict(shared)
        self._labels: dict[str, str] | None = None

    def _all(self) -> dict[str, str]:
        if self._labels is None:
            labels = dict(self._shared)
            for config, module in app_modules("workflow"):
                for verb, label in getattr(module, "VERBS", {}).items():
                    if str(labels.setdefault(verb, label)) != str(label):
                        raise ImproperlyConfigured(
                            f"{config.name}.workflow labels the verb {verb!r} differently"
                        )
            self._labels = labels
        return self._labels

    def __getitem__(self, verb: str) -> str:
        return self._all()[verb]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


VERB_LABELS = VerbLabels(SHARED_VERBS)


class Transition(NamedTuple):
    sources: tuple[str, ...]
    target: str


class Table(dict):
    """{verb: Transition(sources, target)} for the `field` of one model, with the status enum
    that labels its states and the history model ("app_label.ModelName") its rows go to.

    A plain dict to read: `TRANSITIONS["approve"]` unpacks as `(sources, target)`."""

    def __init__(
        self,
        transitions: Mapping[str, tuple[Iterable[str], str]],
        *,
        status: type[models.TextChoices] | None,
        history: str,
        field: str = "status",
    ):
        super().__init__(
            {
                verb: Transition(tuple(sources), target)
                for verb, (sources, target) in transitions.items()
            }
        )
        self.status = status
        self.history = history
        self.field = field

    def history_model(self):
        return apps.get_model(self.history)

    def label(self, state: str) -> str:
        if self.status is not None and state in self.status.values:
            return str(self.status(state).label)
        return state

    def target(self, verb: str, current: str) -> str:
        """The state `verb` leads to from `current`, or InvalidTransition with a Chinese message."""
        if verb not in self:
            raise InvalidTransition(gettext("未知操作：%(verb)s") % {"verb": verb})
        sources, target = self[verb]
        if current not in sources:
            raise InvalidTransition(
                gettext("当前状态为“%(state)s”，不能执行“%(verb)s”")
                % {"state": self.label(current), "verb": VERB_LABELS.get(verb, verb)}
            )
        return target

    def allowed(self, current: str) -> list[str]:
        return [verb for verb, (sources, _target) in self.items() if current in sources]


Transitions = Mapping[str, tuple[Iterable[str], str]]


class StaleTransition(InvalidTransition):
    """The object's status changed between reading it and applying the verb."""

    def __init__(self, message: str, *, current: str | None):
        super().__init__(message)
        self.current = current


def transition_target(transitions: Transitions, verb: str, current: str, status_enum=None) -> str:
    """The state `verb` leads to from `current` (InvalidTransition otherwise), for any table."""
    if isinstance(transitions, Table):
        return transitions.target(verb, current)
    table = Table(transitions, status=status_enum, history="")
    return table.target(verb, current)


def allowed_verbs(transitions: Transitions, current: str) -> list[str]:
    return [verb for verb, (sources, _target) in transitions.items() if current in set(sources)]


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def apply(
    obj: models.Model,
    *,
    table: Table,
    verb: str,
    by,
    note: str = "",
    fields: Mapping | None = None,
    record: Mapping | None = None,
    on_commit: Callable[[], None] | None = None,
    audit_org_path: str | None = None,
) -> models.Model:
    """Move `obj` along `verb` of `table`, as `by` (a user, or None for the public or the
    system), and return it with the new status and `fields` set.

    The UPDATE matches only while the status is still the one checked, so of two concurrent
    verbs on one object exactly one wins; the other gets StaleTransition. `record` adds fields
    to the history row (e.g. the version, a masked public actor); `on_commit` runs once the
    transaction has committed (notifications, scheduled tasks), never on a rollback."""
    source = getattr(obj, table.field)
    target = table.target(verb, source)
    model = type(obj)
    now = timezone.now()
    changes = {table.field: target, **(fields or {})}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        changes["updated_at"] = now
    with transaction.atomic():
        won = model._base_manager.filter(pk=obj.pk, **{table.field: source}).update(**changes)
        if not won:
            current = (
                model._base_manager.filter(pk=obj.pk).values_list(table.field, flat=True).first()
            )
            raise StaleTransition(
                gettext("%(what)s状态已变为“%(state)s”，不能执行“%(verb)s”")
                % {
                    "what": model._meta.verbose_name,
                    "state": table.label(current) if current else gettext("已删除"),
                    "verb": VERB_LABELS.get(verb, verb),
                },
                current=current,
            )
        for name, value in changes.items():
            setattr(obj, name, value)
        _write(
            obj,
            table,
            verb=verb,
            by=by,
            source=source,
            target=target,
            note=note,
            at=now,
            record=record,
        )
        summary = gettext("%(what)s“%(obj)s”：%(verb)s（%(source)s → %(target)s）") % {
            "what": model._meta.verbose_name,
            "obj": obj,
            "verb": VERB_LABELS.get(verb, verb),
            "source": table.label(source),
            "target": table.label(target),
        }
        audit.record(
            by=by,
            action=audit.Action.TRANSITION,
            target=obj,
            summary=summary + (gettext("；说明：%(note)s") % {"note": note[:100]} if note else ""),
            details={"verb": verb, "from": source, "to": target},
            org_path=audit_org_path,
        )
        if on_commit is not None:
            transaction.on_commit(on_commit)
    return obj


def log(
    obj: models.Model,
    *,
    table: Table,
    verb: str,
    by,
    note: str = "",
    source: str | None = None,
    record: Mapping | None = None,
):
    """A history row for a step that changes no status (a reviewer's remark, the record's
    creation): from `source` (the current status unless given) to the current status."""
    current = getattr(obj, table.field)
    return _write(
        obj,
        table,
        verb=verb,
        by=by,
        source=current if source is None else source,
        target=current,
        note=note,
        at=timezone.now(),
        record=record,
    )


def _write(obj, table: Table, *, verb, by, source, target, note, at, record):
    history = table.history_model()
    return history.objects.create(
        **history.subject_kwargs(obj),
        verb=verb,
        from_status=source,
        to_status=target,
        note=note,
        by=_user(by),
        at=at,
        **(record or {}),
    )
