""" "Event" means a volunteer service event (docs/glossary.md, "One meaning of *event*"): no other
model, relation or URL is called an event, and every workflow history model is a
`<Subject>Transition`."""

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps
from django.urls import URLResolver, get_resolver

from gonghui.core.models import TransitionRecord
from gonghui.volunteering.models import ServiceEvent


def project_models():
    return [model for model in apps.get_models() if model.__module__.startswith("gonghui.")]


def models_named_event(models) -> list[str]:
    return sorted(
        model._meta.label
        for model in models
        if "event" in model.__name__.lower() and model is not ServiceEvent
    )


def relations_named_event(models) -> list[str]:
    """Foreign keys and their reverse accessors that say "event" without reaching a ServiceEvent."""
    found = []
    for model in models:
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created:
                continue
            if "event" in field.name.lower() and field.related_model is not ServiceEvent:
                found.append(f"{model._meta.label}.{field.name}")
            related_name = getattr(field.remote_field, "related_name", None) or ""
            if "event" in related_name.lower() and model is not ServiceEvent:
                found.append(f"{field.related_model._meta.label}.{related_name}")
    return sorted(found)


def history_models_not_named_transition(models) -> list[str]:
    return sorted(
        model._meta.label
        for model in models
        if issubclass(model, TransitionRecord) and not model.__name__.endswith("Transition")
    )


def url_names_with_event(resolver=None, namespaces=()):
    """(namespaced name, route) of every URL whose name says "event"."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from url_names_with_event(entry, inner)
        elif entry.name and "event" in entry.name.lower():
            yield ":".join((*namespaces, entry.name)), str(entry.pattern)


def test_no_model_but_the_service_event_is_called_an_event():
    assert models_named_event(project_models()) == []


def test_no_relation_is_called_event_unless_it_reaches_a_service_event():
    assert relations_named_event(project_models()) == []


def test_every_workflow_history_model_is_a_subject_transition():
    models = project_models()
    assert [m for m in models if issubclass(m, TransitionRecord)], "no history model found"
    assert history_models_not_named_transition(models) == []


def test_only_volunteering_urls_speak_of_events():
    named = list(url_names_with_event())
    assert named, "the volunteering service-event URLs should be found"
    elsewhere = [
        (name, route)
        for name, route in named
        if not name.startswith("volunteering:") and not route.startswith("volunteering/")
    ]
    assert elsewhere == []


@isolate_apps("gonghui.campaigns", "gonghui.volunteering")
def test_the_checks_report_an_event_named_model_relation_and_history():
    """The checks above are not vacuous: the old names would be reported."""

    class CampaignRule(models.Model):  # noqa: DJ008 (a stand-in, never shown)
        class Meta:
            app_label = "campaigns"

    class RuleEvent(models.Model):  # noqa: DJ008 (a stand-in, never shown)
        rule = models.ForeignKey(CampaignRule, on_delete=models.CASCADE, related_name="events")

        class Meta:
            app_label = "campaigns"

    class StatusChange(TransitionRecord):
        class Meta:
            app_label = "volunteering"

    assert models_named_event([CampaignRule, RuleEvent]) == ["campaigns.RuleEvent"]
    assert relations_named_event([CampaignRule, RuleEvent]) == ["campaigns.CampaignRule.events"]
    assert history_models_not_named_transition([StatusChange]) == ["volunteering.StatusChange"]
