"""Reads for ingestion: scoped documents and proposals, facts with their original context."""

from dataclasses import dataclass

from django.http import Http404

from .models import IngestedDocument, Proposal

CONTEXT_CHARS = 24


def documents_for_user(user):
    return (
        IngestedDocument.objects.visible_to(user)
        .select_related("organization")
        .defer("original_text", "text", "offsets", "report")
    )


def get_document_for_user(user, pk) -> IngestedDocument:
    try:
        return IngestedDocument.objects.visible_to(user).select_related("organization").get(pk=pk)
    except (IngestedDocument.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("文档不存在或无权访问") from exc


def get_proposal_for_user(user, pk) -> Proposal:
    try:
        return (
            Proposal.objects.filter(document__in=IngestedDocument.objects.visible_to(user))
            .select_related("document", "organization")
            .get(pk=pk)
        )
    except (Proposal.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("建议不存在或无权访问") from exc


def proposals_for_document(document: IngestedDocument) -> list[Proposal]:
    return list(document.proposals.select_related("organization", "activity"))


@dataclass(frozen=True)
class FactRow:
    index: int
    fact: dict
    before: str
    span: str
    after: str


def fact_rows(document: IngestedDocument) -> list[FactRow]:
    """Each fact with its span in the original document and a little context either side."""
    original = document.original_text
    rows = []
    for index, fact in enumerate(document.facts):
        start = fact.get("original_start") or 0
        end = fact.get("original_end") or start
        rows.append(
            FactRow(
                index=index,
                fact=fact,
                before=original[max(0, start - CONTEXT_CHARS) : start].replace("\n", " "),
                span=original[start:end],
                after=original[end : end + CONTEXT_CHARS].replace("\n", " "),
            )
        )
    return rows
