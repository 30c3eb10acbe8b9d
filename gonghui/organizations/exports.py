"""The organisation tree's Excel export: every organisation in scope, in tree order."""

from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import KIND, Column, ListExport, yes_no

from . import selectors

TREE = ListExport(
    key="organizations.tree",
    title=_("组织架构"),
    queryset=lambda user, params: selectors.organizations_for_export(
        user, query=params.get("q", "").strip()
    ),
    columns=[
        Column(_("层级"), "depth"),
        Column(_("名称"), lambda o: "　" * max(o.depth - 1, 0) + o.name),
        Column(_("简称"), "short_name"),
        KIND,
        Column(_("上级组织"), "parent.name"),
        Column(_("所在地区"), "region"),
        Column(_("行政区划代码"), "region_code"),
        Column(_("统一社会信用代码"), "unified_code"),
        Column(_("地址"), "address"),
        Column(_("联系电话"), "phone"),
        Column(_("下级数"), "num_children"),
        Column(_("有效"), yes_no("is_active")),
    ],
)
