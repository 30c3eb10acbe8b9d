"""Staff pages of the assistance app: archives and their workflow, the audited reveal with a
stated reason, imports, relief records, batches with their signed list and bank file,
enterprises, model workers and statistics."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core import imports as core_imports
from gonghui.core.db import reads_from_replica
from gonghui.core.exceptions import DomainError
from gonghui.core.files import stored_file_response
from gonghui.core.forms import create_page, save_form
from gonghui.core.spreadsheets import render_xlsx, xlsx_response
from gonghui.core.workflow import VERB_LABELS, allowed_verbs

from . import exports, permissions, selectors, services
from .forms import (
    ArchiveForm,
    AttachmentForm,
    BatchFillForm,
    BatchForm,
    EnterpriseForm,
    EstablishForm,
    ExitForm,
    ImportForm,
    ModelWorkerForm,
    PayForm,
    ReliefForm,
    RelocateForm,
    RevealForm,
    ReverseForm,
)
from .imports import ARCHIVE_IMPORT, RELIEF_IMPORT
from .models import FundSource, ModelWorker, Programme, Tier
from .workflow import BATCH_TRANSITIONS, TRANSITIONS, BatchStatus, Status

LIST_DEFERRED = ("phone", "address", "health", "bank_account", "monthly_income", "situation")
NOTE_VERBS = ["submit", "withdraw", "review", "approve", "return", "recheck"]


def _require(user, perm: str, message: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(message)


# --- Archives -------------------------------------------------------------------------------


@login_required
def archive_list(request):
    _require(request.user, permissions.VIEW, _("您无权查看困难职工档案"))
    filters = exports.archive_filters(request.user, request.GET)
    try:
        # The list shows the masked ID number only: the other encrypted columns stay unread.
        qs = selectors.archives_for_user(request.user, filters).defer(*LIST_DEFERRED)
        page = Paginator(qs, 20).get_page(request.GET.get("page"))
    except DomainError as exc:
        messages.error(request, exc.message)
        filters.q = ""
        page = Paginator(selectors.archives_for_user(request.user, filters), 20).get_page(1)
    return render(
        request,
        "assistance/archive_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Status.choices,
            "tiers": Tier.choices,
            "reasons": selectors.reasons_choices(),
            "can_enter": request.user.has_perm(permissions.ENTER),
            "can_view_sensitive": permissions.can_view_sensitive(request.user),
        },
    )


archive_create = create_page(
    ArchiveForm,
    services.create_archive,
    template="assistance/archive_form.html",
    permission=permissions.ENTER,
    denied=gettext_lazy("您无权录入困难职工档案"),
    message=lambda a: _("已录入困难职工档案：%(number)s") % {"number": a.number},
    success=lambda a: reverse("assistance:archive_detail", args=[a.pk]),
)


@login_required
def archive_edit(request, archive_id: int):
    archive = selectors.get_archive_for_user(request.user, archive_id, for_write=True)
    _require(request.user, permissions.EDIT, _("您无权修改困难职工档案"))
    form = ArchiveForm(request.POST or None, user=request.user, instance=archive)

    def save():
        data = form.service_data()
        return services.update_archive(
            by=request.user, archive=archive, version=form.cleaned_data.get("version"), **data
        )

    done = save_form(
        request,
        form,
        save,
        message=_("已保存"),
        success=reverse("assistance:archive_detail", args=[archive.pk]),
    )
    return done or render(
        request, "assistance/archive_form.html", {"form": form, "archive": archive}
    )


@login_required
def archive_detail(request, archive_id: int):
    archive = selectors.get_archive_for_user(request.user, archive_id)
    verbs = permissions.verbs_for(request.user)
    actions = [
        (verb, VERB_LABELS[verb])
        for verb in allowed_verbs(TRANSITIONS, archive.status)
        if verb in verbs
    ]
    can_sensitive = permissions.can_view_sensitive(request.user)
    return render(
        request,
        "assistance/archive_detail.html",
        {
            "archive": archive,
            "person": selectors.person_of_archive(request.user, archive),
            "members": selectors.archive_members(archive),
            "reasons": selectors.archive_reasons(archive),
            "history": selectors.history_of(archive),
            "attachments": selectors.attachments_of(archive),
            "relief": selectors.relief_of(archive),
            "actions": actions,
            "note_verbs": NOTE_VERBS,
            "establish_form": EstablishForm(initial={"tier": archive.proposed_tier}),
            "exit_form": ExitForm(),
            "relocate_form": RelocateForm(user=request.user),
            "reveal_form": RevealForm() if can_sensitive else None,
            "attachment_form": AttachmentForm(),
            "can_edit": request.user.has_perm(permissions.EDIT)
            and archive.status in ("draft", "returned"),
            "reads": selectors.sensitive_reads_of(archive)[:50] if can_sensitive else None,
        },
    )


@login_required
@require_POST
def archive_transition(request, archive_id: int, verb: str):
    archive = selectors.get_archive_for_user(request.user, archive_id, for_write=True)
    post = request.POST
    try:
        if verb in NOTE_VERBS:
            services.note_verb(
                archive=archive, verb=verb, by=request.user, note=post.get("note", "")[:300]
            )
        elif verb == "establish":
            form = EstablishForm(post)
            if not form.is_valid():
                raise Http404
            services.establish_archive(archive=archive, by=request.user, **form.cleaned_data)
        elif verb == "exit":
            form = ExitForm(post)
            if not form.is_valid():
                messages.error(request, _("请选择解困原因"))
                return redirect("assistance:archive_detail", archive_id=archive.pk)
            services.exit_archive(archive=archive, by=request.user, **form.cleaned_data)
        elif verb == "relocate":
            form = RelocateForm(post, user=request.user)
            if not form.is_valid():
                messages.error(request, _("请选择新的所属工会"))
                return redirect("assistance:archive_detail", archive_id=archive.pk)
            services.relocate_archive(archive=archive, by=request.user, **form.cleaned_data)
        else:
            raise Http404(_("未知操作"))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已%(verb)s") % {"verb": VERB_LABELS[verb]})
    return redirect("assistance:archive_detail", archive_id=archive.pk)


@login_required
@require_POST
def archive_reveal(request, archive_id: int):
    """The household's full data, once, with a stated reason; audited."""
    archive = selectors.get_archive_for_user(request.user, archive_id)
    form = RevealForm(request.POST)
    reason = form.data.get("reason", "")
    try:
        values = services.reveal_archive(by=request.user, archive=archive, reason=reason)
    except DomainError as exc:
        if exc.status_code == 403:
            raise PermissionDenied(exc.message) from exc
        return render(
            request,
            "assistance/_reveal_form.html",
            {"archive": archive, "reveal_form": form, "error": exc.message},
            status=400,
        )
    return render(request, "assistance/_sensitive.html", {"archive": archive, "values": values})


@login_required
@require_POST
def archive_attach(request, archive_id: int):
    archive = selectors.get_archive_for_user(request.user, archive_id, for_write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(
                archive=archive, by=request.user, upload=form.cleaned_data["file"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已上传证明材料"))
    else:
        messages.error(request, _("请选择文件"))
    return redirect("assistance:archive_detail", archive_id=archive.pk)


@login_required
def archive_attachment(request, archive_id: int, attachment_id: int):
    attachment = selectors.get_attachment_for_user(request.user, archive_id, attachment_id)
    return stored_file_response(attachment.file.name, download_name=attachment.name)


@login_required
def archive_export_sensitive(request):
    """The archive list with full values: the permission and a stated reason; the export and
    each household in it are written to the audit log."""
    if not permissions.can_view_sensitive(request.user):
        raise PermissionDenied(_("您没有导出敏感个人信息的权限"))
    form = RevealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        filters = exports.archive_filters(request.user, request.GET)
        ids, rows = selectors.sensitive_archive_export(request.user, filters)
        services.record_sensitive_export(
            by=request.user,
            what=_("导出困难职工档案（含敏感信息）%(n)s 户") % {"n": len(ids)},
            reason=form.cleaned_data["reason"],
            org_path=request.user.scope.org_path,
            archives=ids,
        )
        content = render_xlsx(
            title=str(_("困难职工档案")), headers=selectors.ARCHIVE_HEADERS, rows=rows
        )
        return xlsx_response(content, _("困难职工档案（含敏感信息）.xlsx"))
    return render(
        request,
        "assistance/reason_form.html",
        {
            "form": form,
            "heading": _("导出困难职工档案（含敏感信息）"),
            "back": reverse("assistance:archive_list"),
        },
    )


def _import_page(request, schema, *, heading, template_name, done, message):
    _require(request.user, permissions.ENTER, _("您无权导入"))
    return core_imports.import_page(
        request,
        schema,
        form=ImportForm(request.POST or None, request.FILES or None),
        heading=heading,
        template_url=reverse(template_name),
        done_url=reverse(done),
        done_message=message,
    )


@login_required
def archive_import(request):
    return _import_page(
        request,
        ARCHIVE_IMPORT,
        heading=_("困难职工档案 Excel 导入"),
        template_name="assistance:archive_import_template",
        done="assistance:archive_list",
        message=_("已导入 %(n)s 户困难职工档案"),
    )


@login_required
def archive_import_template(request):
    _require(request.user, permissions.ENTER, _("您无权导入"))
    return xlsx_response(ARCHIVE_IMPORT.template(), _("困难职工档案导入模板.xlsx"))


@login_required
def relief_import(request):
    _require(request.user, permissions.RELIEF, _("您无权导入"))
    return _import_page(
        request,
        RELIEF_IMPORT,
        heading=_("帮扶记录 Excel 导入"),
        template_name="assistance:relief_import_template",
        done="assistance:relief_list",
        message=_("已导入 %(n)s 条帮扶记录"),
    )


@login_required
def relief_import_template(request):
    _require(request.user, permissions.RELIEF, _("您无权导入"))
    return xlsx_response(RELIEF_IMPORT.template(), _("帮扶记录导入模板.xlsx"))


# --- Relief records --------------------------------------------------------------------------


@login_required
def relief_list(request):
    _require(request.user, "assistance.view_reliefrecord", _("您无权查看帮扶记录"))
    filters = exports.relief_filters(request.user, request.GET)
    page = Paginator(selectors.relief_for_user(request.user, filters), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assistance/relief_list.html",
        {
            "page": page,
            "filters": filters,
            "programmes": Programme.choices,
            "funds": FundSource.choices,
            "can_record": request.user.has_perm(permissions.RELIEF),
            "reverse_form": ReverseForm(),
        },
    )


relief_create = create_page(
    ReliefForm,
    services.record_relief,
    template="assistance/simple_form.html",
    permission=permissions.RELIEF,
    denied=gettext_lazy("您无权登记帮扶记录"),
    message=gettext_lazy("已登记帮扶记录"),
    success=lambda r: reverse("assistance:relief_list"),
    context={"heading": gettext_lazy("登记帮扶记录")},
)


@login_required
@require_POST
def relief_reverse(request, relief_id: int):
    record = selectors.get_relief_for_user(request.user, relief_id)
    form = ReverseForm(request.POST)
    try:
        services.reverse_relief(by=request.user, record=record, note=form.data.get("note", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已冲正"))
    return redirect("assistance:relief_list")


# --- Batches -----------------------------------------------------------------------------


@login_required
def batch_list(request):
    _require(request.user, "assistance.view_batch", _("您无权查看发放批次"))
    page = Paginator(selectors.batches_for_user(request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/batch_list.html",
        {"page": page, "can_plan": request.user.has_perm(permissions.BATCH)},
    )


batch_create = create_page(
    BatchForm,
    services.plan_batch,
    template="assistance/simple_form.html",
    permission=permissions.BATCH,
    denied=gettext_lazy("您无权编制发放批次"),
    message=gettext_lazy("已编制发放批次，请列入名单"),
    success=lambda b: reverse("assistance:batch_detail", args=[b.pk]),
    context={"heading": gettext_lazy("编制发放批次")},
)


@login_required
def batch_detail(request, batch_id: int):
    batch = selectors.get_batch_for_user(request.user, batch_id)
    can_manage = request.user.has_perm(permissions.BATCH)
    entries = Paginator(selectors.batch_entries(batch), 50).get_page(request.GET.get("page"))
    actions = (
        [(v, VERB_LABELS[v]) for v in allowed_verbs(BATCH_TRANSITIONS, batch.status)]
        if can_manage
        else []
    )
    return render(
        request,
        "assistance/batch_detail.html",
        {
            "batch": batch,
            "entries": entries,
            "page": entries,
            "history": selectors.batch_history(batch),
            "actions": actions,
            "can_manage": can_manage,
            "fill_form": BatchFillForm(user=request.user)
            if can_manage and batch.status == BatchStatus.PLANNED
            else None,
            "pay_form": PayForm() if can_manage and batch.status == BatchStatus.APPROVED else None,
            "can_bank_file": permissions.can_view_sensitive(request.user),
        },
    )


@login_required
@require_POST
def batch_fill(request, batch_id: int):
    batch = selectors.get_batch_for_user(request.user, batch_id)
    _require(request.user, permissions.BATCH, _("您无权编制发放批次"))
    form = BatchFillForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return redirect("assistance:batch_detail", batch_id=batch.pk)
    data = form.cleaned_data
    ids = selectors.batch_candidates(
        request.user,
        batch,
        tier=data["tier"],
        reason=data["reason"].code if data["reason"] else "",
        organization=data["organization"],
    )
    try:
        added = services.add_to_batch(
            by=request.user, batch=batch, archive_ids=ids, amount_fen=data["amount_fen"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已列入 %(n)s 户") % {"n": added})
    return redirect("assistance:batch_detail", batch_id=batch.pk)


@login_required
@require_POST
def batch_transition(request, batch_id: int, verb: str):
    batch = selectors.get_batch_for_user(request.user, batch_id)
    note = request.POST.get("note", "")[:300]
    try:
        if verb == "approve":
            services.approve_batch(by=request.user, batch=batch, note=note)
        elif verb == "return":
            services.return_batch(by=request.user, batch=batch, note=note)
        elif verb == "cancel":
            services.cancel_batch(by=request.user, batch=batch, note=note)
        elif verb == "pay":
            form = PayForm(request.POST)
            form.is_valid()
            services.pay_batch(
                by=request.user,
                batch=batch,
                paid_date=form.cleaned_data.get("paid_date"),
                handed_over_by=form.cleaned_data.get("handed_over_by", ""),
            )
        else:
            raise Http404(_("未知操作"))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已%(verb)s") % {"verb": VERB_LABELS[verb]})
    return redirect("assistance:batch_detail", batch_id=batch.pk)


@login_required
def batch_signed_list(request, batch_id: int):
    """签收表 (.xlsx); `?print=1` gives the printable page."""
    batch = selectors.get_batch_for_user(request.user, batch_id)
    if request.GET.get("print") == "1":
        return render(
            request,
            "assistance/signed_list_print.html",
            {"batch": batch, "rows": list(selectors.signed_list_rows(batch))},
        )
    content = render_xlsx(
        title=str(_("签收表")),
        headers=selectors.SIGNED_HEADERS,
        rows=selectors.signed_list_rows(batch),
        notes=[f"{batch.name} · {batch.organization.name}"],
    )
    return xlsx_response(content, f"{batch.name}签收表.xlsx")


@login_required
def batch_bank_file(request, batch_id: int):
    """The bank transfer file with full account numbers: the permission and a stated reason;
    audited for the batch and for each household on it."""
    batch = selectors.get_batch_for_user(request.user, batch_id)
    if not permissions.can_view_sensitive(request.user):
        raise PermissionDenied(_("您没有下载银行代发文件的权限"))
    if batch.status not in (BatchStatus.APPROVED, BatchStatus.PAID):
        raise PermissionDenied(_("批次审批后才能生成银行代发文件"))
    form = RevealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_sensitive_export(
            by=request.user,
            what=_("下载银行代发文件：%(name)s") % {"name": batch.name},
            reason=form.cleaned_data["reason"],
            org_path=batch.org_path,
            archives=selectors.batch_archive_ids(batch),
        )
        content = render_xlsx(
            title=str(_("银行代发")),
            headers=selectors.BANK_HEADERS,
            rows=selectors.bank_file_rows(batch),
        )
        return xlsx_response(content, f"{batch.name}银行代发.xlsx")
    return render(
        request,
        "assistance/reason_form.html",
        {
            "form": form,
            "heading": _("下载银行代发文件：%(name)s") % {"name": batch.name},
            "back": reverse("assistance:batch_detail", args=[batch.pk]),
        },
    )


# --- Enterprises and model workers --------------------------------------------------------


@login_required
def enterprise_list(request):
    _require(request.user, "assistance.view_enterprise", _("您无权查看困难企业"))
    page = Paginator(selectors.enterprises_for_user(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assistance/enterprise_list.html",
        {"page": page, "can_add": request.user.has_perm(permissions.ENTERPRISE)},
    )


enterprise_create = create_page(
    EnterpriseForm,
    services.create_enterprise,
    template="assistance/simple_form.html",
    permission=permissions.ENTERPRISE,
    denied=gettext_lazy("您无权登记困难企业"),
    message=gettext_lazy("已登记困难企业"),
    success=lambda e: reverse("assistance:enterprise_list"),
    context={"heading": gettext_lazy("登记困难企业")},
)


@login_required
def model_worker_list(request):
    _require(request.user, "assistance.view_modelworker", _("您无权查看劳模档案"))
    needy = request.GET.get("needy") == "1"
    level = request.GET.get("level", "")
    page = Paginator(
        selectors.model_workers_for_user(request.user, needy_only=needy, level=level), 30
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/model_worker_list.html",
        {
            "page": page,
            "needy": needy,
            "level": level,
            "levels": ModelWorker.Level.choices,
            "can_add": request.user.has_perm(permissions.MODEL_WORKER),
        },
    )


model_worker_create = create_page(
    ModelWorkerForm,
    services.create_model_worker,
    template="assistance/simple_form.html",
    permission=permissions.MODEL_WORKER,
    denied=gettext_lazy("您无权登记劳模档案"),
    message=gettext_lazy("已登记劳模档案"),
    success=lambda w: reverse("assistance:model_worker_list"),
    context={"heading": gettext_lazy("登记劳模档案")},
)


# --- Statistics -------------------------------------------------------------------------------


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@reads_from_replica
def statistics(request):
    _require(request.user, "assistance.view_reliefrecord", _("您无权查看帮扶统计"))
    stats = selectors.assistance_statistics(
        request.user,
        organization=exports.organization(request.user, request.GET),
        start=_date(request.GET.get("start", "")),
        end=_date(request.GET.get("end", "")),
        fund_source=request.GET.get("fund_source", ""),
        programme=request.GET.get("programme", ""),
    )
    chart = {
        "programmes": [p.label for p in stats.programmes],
        "amounts": [
            round((p.amount_fen + p.goods_value_fen) / 1_000_000, 2) for p in stats.programmes
        ],
        "funds": [{"name": label, "value": round(v / 1_000_000, 2)} for label, v in stats.by_fund],
        "tiers": [{"name": label, "value": n} for label, n in stats.archives_by_tier],
    }
    return render(
        request,
        "assistance/statistics.html",
        {
            "stats": stats,
            "h": stats.headline,
            "chart": chart,
            "programmes": Programme.choices,
            "funds": FundSource.choices,
        },
    )
