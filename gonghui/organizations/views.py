"""Pages: tree browser, organisation detail, create / edit / move, departments."""

import copy

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.forms import save_form
from gonghui.core.panels import render_panels

from . import selectors, services
from .forms import DepartmentForm, MoveForm, OrganizationForm
from .permissions import can_manage_organization


@login_required
def tree(request):
    query = request.GET.get("q", "").strip()
    context = {"query": query}
    if query:
        context["results"] = selectors.search_organizations(request.user, query)
    else:
        context["roots"] = selectors.tree_roots_for_user(request.user)
    return render(request, "organizations/tree.html", context)


@login_required
def children(request, pk: int):
    parent = selectors.get_organization_for_user(request.user, pk)
    nodes = selectors.children_for_user(request.user, parent)
    more = len(nodes) > 200
    return render(
        request,
        "organizations/_children.html",
        {"parent": parent, "nodes": nodes[:200], "more": more},
    )


@login_required
def detail(request, pk: int):
    org = selectors.get_organization_for_user(request.user, pk)
    return render(
        request,
        "organizations/detail.html",
        {
            "org": org,
            "ancestors": selectors.ancestors_for_user(request.user, org),
            "departments": selectors.departments_of(org),
            "children": selectors.children_for_user(request.user, org, limit=50),
            "counts": selectors.subtree_counts(org),
            "panels": render_panels("organization_detail", request, org),
            "can_manage": can_manage_organization(request.user, org),
        },
    )


@login_required
def create(request, parent_pk: int):
    parent = selectors.get_organization_for_user(request.user, parent_pk, for_write=True)
    form = OrganizationForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.create_organization(by=request.user, parent=parent, **form.cleaned_data),
        message=lambda org: _("已新建组织：%(name)s") % {"name": org.name},
        success=lambda org: reverse("organizations:detail", args=[org.pk]),
    )
    return done or render(request, "organizations/form.html", {"form": form, "parent": parent})


@login_required
def edit(request, pk: int):
    org = selectors.get_organization_for_user(request.user, pk, for_write=True)
    # The form validates a copy: the service compares against the unchanged record.
    form = OrganizationForm(request.POST or None, instance=copy.copy(org))
    done = save_form(
        request,
        form,
        lambda: services.update_organization(
            by=request.user, organization=org, **form.cleaned_data
        ),
        message=_("已保存"),
        success=reverse("organizations:detail", args=[org.pk]),
    )
    return done or render(request, "organizations/form.html", {"form": form, "org": org})


@login_required
def move(request, pk: int):
    org = selectors.get_organization_for_user(request.user, pk, for_write=True)
    form = MoveForm(request.POST or None, user=request.user, organization=org)
    done = save_form(
        request,
        form,
        lambda: services.move_organization(
            by=request.user, organization=org, new_parent=form.cleaned_data["new_parent"]
        ),
        message=_("已移动，下级组织和相关记录已一并更新"),
        success=reverse("organizations:detail", args=[org.pk]),
    )
    return done or render(request, "organizations/move.html", {"form": form, "org": org})


@login_required
def department_create(request, pk: int):
    org = selectors.get_organization_for_user(request.user, pk, for_write=True)
    form = DepartmentForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.create_department(by=request.user, organization=org, **form.cleaned_data),
        message=_("已新建部门"),
        success=reverse("organizations:detail", args=[org.pk]),
    )
    return done or render(request, "organizations/department_form.html", {"form": form, "org": org})
