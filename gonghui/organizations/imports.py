"""What every Excel import that names organisations and departments shares: the organisation
column resolved by name within the importer's scope, and the department checked against it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core.imports import ImportRow, Lookup, cell_text

from .selectors import departments_by_name, organizations_by_name

ORGANIZATION_LOOKUP = Lookup(
    find=organizations_by_name,
    unknown=gettext_lazy("未知组织“%(name)s”（或不在您的管理范围内）"),
    ambiguous=gettext_lazy("组织名称“%(name)s”不唯一，请联系管理员"),
)


def departments_context(found) -> dict:
    """For ImportSchema.prepare: the departments of every organisation the file names."""
    orgs = [o for matches in found.get("organization", {}).values() for o in matches]
    return {"departments": departments_by_name(orgs)}


def read_department(row: ImportRow, context: dict, *, header: str = "部门") -> None:
    """Set row.data["department"] from the row's department name within its organisation."""
    org = row.data.get("organization")
    row.data["department"] = None
    name = cell_text(row.values.get(header))
    if name and org is not None:
        row.data["department"] = context["departments"].get((org.pk, name))
        if row.data["department"] is None:
            row.errors.append(
                _("组织“%(org)s”下没有部门“%(dept)s”") % {"org": org.name, "dept": name}
            )
