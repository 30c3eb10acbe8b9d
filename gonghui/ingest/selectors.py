"""Reads for ingestion: scoped documents and proposals, facts in the normalised text, the
choices a reviewer picks from and likely duplicates, all through the user's scope."""

import datetime as dt
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from gonghui.activities.selectors import activities_for_user
from gonghui.campaigns.models import Assignment
from gonghui.organizations.models import Department

from .models import IngestedDocument, Proposal

CONTEXT_CHARS = 24
FACTS_PER_PAGE = 100
# The normalised text shown beside one page of facts: the lines holding them, at most this.
TEXT_WINDOW_CHARS = 12_000
DUPLICATE_SIMILARITY = 0.6


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
        raise Http404(_("文档不存在或无权访问")) from exc


def get_proposal_for_user(user, pk) -> Proposal:
    try:
        return (
            Proposal.objects.filter(document__in=IngestedDocument.objects.visible_to(user))
            .select_related("document", "organization", "department")
            .get(pk=pk)
        )
    except (Proposal.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("建议不存在或无权访问")) from exc


def proposals_for_document(document: IngestedDocument) -> list[Proposal]:
    return list(
        document.proposals.select_related("organization", "department", "activity", "evidence_item")
    )


# --- facts and the text beside them ---------------------------------------------------------


@dataclass(frozen=True)
class FactRow:
    index: int
    fact: dict
    before: str
    span: str
    after: str


@dataclass(frozen=True)
class TextPiece:
    text: str
    fact_index: int | None = None  # set on a highlighted span


@dataclass
class FactsPage:
    page: object  # a Paginator page of FactRow
    pieces: list[TextPiece]
    window: tuple[int, int]
    text_length: int

    @property
    def is_window_cut(self) -> bool:
        return self.window != (0, self.text_length)


def _row(text: str, index: int, fact: dict) -> FactRow:
    start, end = fact["start"], fact["end"]
    return FactRow(
        index=index,
        fact=fact,
        before=text[max(0, start - CONTEXT_CHARS) : start].replace("\n", " "),
        span=text[start:end],
        after=text[end : end + CONTEXT_CHARS].replace("\n", " "),
    )


def _window(text: str, rows: list[FactRow]) -> tuple[int, int]:
    """The lines holding this page's facts (from the top on the first page), bounded."""
    if not rows:
        return 0, min(len(text), TEXT_WINDOW_CHARS)
    first, last = rows[0].fact["start"], rows[-1].fact["end"]
    start = 0 if rows[0].index == 0 else text.rfind("\n", 0, first) + 1
    end = text.find("\n", last)
    end = len(text) if end < 0 else end
    return start, min(end, start + TEXT_WINDOW_CHARS)


def facts_page(document: IngestedDocument, page_number) -> FactsPage:
    """One page of facts with their context in the normalised text, and the stretch of that
    text holding them with each fact marked (the offsets still lead back to the original)."""
    text = document.text
    facts = document.facts
    paginator = Paginator(range(len(facts)), FACTS_PER_PAGE)
    page = paginator.get_page(page_number)
    rows = [_row(text, i, facts[i]) for i in page.object_list]
    page.object_list = rows
    if paginator.num_pages == 1:
        start, end = 0, min(len(text), TEXT_WINDOW_CHARS)
    else:
        start, end = _window(text, rows)
    pieces: list[TextPiece] = []
    position = start
    for row in rows:
        a, b = row.fact["start"], row.fact["end"]
        if a < position or b > end:
            continue
        if a > position:
            pieces.append(TextPiece(text[position:a]))
        pieces.append(TextPiece(text[a:b], row.index))
        position = b
    if position < end:
        pieces.append(TextPiece(text[position:end]))
    return FactsPage(page=page, pieces=pieces, window=(start, end), text_length=len(text))


def window_notice(facts: FactsPage) -> str:
    start, end = facts.window
    return _("全文共 %(total)s 字，此处显示第 %(a)s–%(b)s 字（本页数据所在的段落）") % {
        "total": f"{facts.text_length:,}",
        "a": f"{start + 1:,}",
        "b": f"{end:,}",
    }


# --- what a reviewer picks from -------------------------------------------------------------


def departments_for(user, organization):
    """The organisation's departments that the user may record for (a small set, not cut)."""
    return (
        Department.objects.visible_to(user)
        .filter(organization=organization)
        .order_by("sort_order", "name")
    )


def ledger_tasks_for(user, organization):
    """The organisation's ledger tasks (分工) in the user's scope, for filing a document."""
    return (
        Assignment.objects.visible_to(user)
        .filter(organization=organization)
        .select_related("campaign", "indicator", "department")
        .order_by("-campaign_id", "indicator_position", "department_id", "pk")
    )


def department_for(user, organization, pk) -> Department | None:
    """One of `departments_for`, by id; None for any other."""
    return departments_for(user, organization).filter(pk=pk).first()


def ledger_task_for(user, organization, pk) -> Assignment | None:
    """One of `ledger_tasks_for`, by id; None for any other."""
    return ledger_tasks_for(user, organization).filter(pk=pk).first()


# --- likely duplicates ----------------------------------------------------------------------

_TITLE_NOISE_RE = re.compile(r"[\s“”\"'《》「」()（）:：,，。、·-]")


def _similar(a: str, b: str) -> bool:
    a, b = _TITLE_NOISE_RE.sub("", a), _TITLE_NOISE_RE.sub("", b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b).ratio() >= DUPLICATE_SIMILARITY


def likely_duplicates(user, proposals: list[Proposal]) -> dict[int, list]:
    """For each open activity proposal, existing activities the user can see with the same
    organisation and date and a similar title (one query; nothing outside the scope)."""
    wanted = [
        p
        for p in proposals
        if p.kind == Proposal.Kind.ACTIVITY
        and p.status == Proposal.Status.PROPOSED
        and isinstance(p.proposed_date, dt.date)
    ]
    if not wanted:
        return {}
    candidates = list(
        activities_for_user(user)
        .filter(
            organization_id__in={p.organization_id for p in wanted},
            start_date__in={p.proposed_date for p in wanted},
        )
        .select_related(None)
        .only("pk", "title", "organization_id", "start_date")[:500]
    )
    found: dict[int, list] = {}
    for proposal in wanted:
        matches = [
            a
            for a in candidates
            if a.organization_id == proposal.organization_id
            and a.start_date == proposal.proposed_date
            and _similar(a.title, proposal.title)
        ]
        if matches:
            found[proposal.pk] = matches
    return found
