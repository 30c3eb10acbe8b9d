"""Pages: uploaded documents, the upload form and the import review page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.exceptions import DomainError

from . import selectors, services
from .forms import ProposalForm, UploadForm
from .permissions import ADD_PERMISSION, REVIEW_PERMISSION


@login_required
@permission_required("ingest.view_ingesteddocument", raise_exception=True)
def document_list(request):
    page = Paginator(selectors.documents_for_user(request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "ingest/list.html", {"page": page})


@login_required
@permission_required(ADD_PERMISSION, raise_exception=True)
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.ingest_document(
                by=request.user,
                upload=form.cleaned_data["file"],
                organization=form.cleaned_data["organization"],
            )
        except DomainError as exc:
            form.add_error("file" if exc.field == "file" else None, exc.message)
        else:
            messages.success(
                request, _("已导入，提取到 %(n)s 条数据，请逐条核对") % {"n": len(document.facts)}
            )
            for notice in document.notices:
                messages.warning(request, notice)
            return redirect("ingest:review", pk=document.pk)
    return render(request, "ingest/upload.html", {"form": form})


@login_required
@permission_required("ingest.view_ingesteddocument", raise_exception=True)
def review(request, pk):
    document = selectors.get_document_for_user(request.user, pk)
    facts = selectors.facts_page(document, request.GET.get("page"))
    proposals = selectors.proposals_for_document(document)
    duplicates = selectors.likely_duplicates(request.user, proposals)
    can_review = request.user.has_perm(REVIEW_PERMISSION)
    cards = [
        (
            proposal,
            ProposalForm(user=request.user, proposal=proposal, facts=document.facts)
            if can_review and proposal.status == proposal.Status.PROPOSED
            else None,
            duplicates.get(proposal.pk, []),
        )
        for proposal in proposals
    ]
    return render(
        request,
        "ingest/review.html",
        {
            "document": document,
            "facts": facts,
            "page": facts.page,
            "window_notice": selectors.window_notice(facts) if facts.is_window_cut else "",
            "cards": cards,
            "can_review": can_review,
        },
    )


@login_required
@require_POST
def confirm(request, pk):
    proposal = selectors.get_proposal_for_user(request.user, pk)
    form = ProposalForm(
        request.POST, user=request.user, proposal=proposal, facts=proposal.document.facts
    )
    if not form.is_valid():
        errors = "；".join(
            f"{form.fields[name].label if name in form.fields else ''}：{'、'.join(errs)}"
            for name, errs in form.errors.items()
        )
        messages.error(request, _("建议内容有误：%(e)s") % {"e": errors})
        return redirect("ingest:review", pk=proposal.document_id)
    try:
        services.confirm_proposal(by=request.user, proposal=proposal, **form.edits())
    except DomainError as exc:
        details = getattr(exc, "errors", None)
        if isinstance(details, dict) and details:
            messages.error(request, f"{exc.message}：{'；'.join(map(str, details.values()))}")
        else:
            messages.error(request, exc.message)
    else:
        messages.success(request, _("已确认：%(t)s") % {"t": proposal.title})
    return redirect("ingest:review", pk=proposal.document_id)


@login_required
@require_POST
def discard(request, pk):
    proposal = selectors.get_proposal_for_user(request.user, pk)
    try:
        services.discard_proposal(by=request.user, proposal=proposal)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("ingest:review", pk=proposal.document_id)
