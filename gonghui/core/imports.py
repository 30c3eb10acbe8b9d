"""The one all-or-nothing Excel import: an importable model declares a row schema (columns with
header, required message, parser, lookups through the actor's scope, example), and this module
does the rest for every import — the template with a valid example row, the preview with each
row's errors in Chinese at its Excel row number, the checked file kept between preview and
confirmation, and the atomic confirm that writes every row or none.

    class PeopleImport(ImportSchema):
        name = "people"
        title = _("人员导入")
        columns = [ImportColumn("姓名", "name", example="张建华"), ...]
        lookups = {"organization": Lookup(find=..., unknown=...)}

        def clean_row(self, row, *, by, context): ...      # rules across the row's columns
        def check_file(self, report, *, by, context): ...  # rules across rows (duplicates)
        def save(self, rows, *, by): ...            # the writes, inside the transaction
"""

import io
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import audit
from .exceptions import ValidationFailed
from .files import check_upload
from .spreadsheets import read_rows, render_template_xlsx
from .textinput import simplify_rows


@dataclass
class ImportRow:
    number: int
    values: dict
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[ImportRow]

    @property
    def error_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.error_rows

    def refuse_if_invalid(self) -> None:
        if not self.is_valid:
            raise ValidationFailed(
                _("导入文件有错误，未写入任何数据") if self.rows else _("导入文件中没有数据行"),
                errors=[{"row": r.number, "errors": r.errors} for r in self.error_rows],
            )


class RowError(Exception):
    """A parser's refusal of one cell; its message is shown at the row."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Lookup:
    """Names in a column resolved to records for the whole file at once, through the actor's
    scope: `find(by, names)` returns {name: [matching records the actor may use]}. A name
    outside the scope reads exactly like an unknown one."""

    find: Callable[[Any, set[str]], Mapping[str, list]]
    unknown: str  # "%(name)s" is the cell's text, "%(choices)s" the names found
    ambiguous: str = ""


@dataclass(frozen=True)
class ImportColumn:
    """One template column: where its value goes in the row's data and how it is read.

    An empty cell gives `default`, or the `required` message. Otherwise the value is the
    record found by `lookup` (a key of the schema's lookups), or `parse(value)` (which raises
    RowError), or the text itself."""

    header: str
    field: str = ""
    required: str = ""
    parse: Callable[[Any], Any] | None = None
    lookup: str = ""
    default: Any = ""
    example: Any = ""


def cell_text(value) -> str:
    return "" if value is None else str(value).strip()


class ImportSchema:
    """What one importable model declares; `check`, `confirm` and `template` are shared."""

    name: str = ""  # the session key and storage folder of a previewed file
    title: str = ""  # the template's sheet title, e.g. 人员导入
    columns: Sequence[ImportColumn] = ()
    lookups: Mapping[str, Lookup] = {}
    help_rows: Sequence[str] = ()
    # The preview table: (header, the text shown for a row).
    preview: Sequence[tuple[str, Callable[[ImportRow], Any]]] = ()

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    # --- what a schema may add ----------------------------------------------------------

    def prepare(self, *, by, found: Mapping[str, Mapping[str, list]]) -> dict:
        """Whatever the row rules need for the whole file at once (departments of the
        organisations found, say); passed to clean_row and check_file as `context`."""
        return {}

    def clean_row(self, row: ImportRow, *, by, context: dict) -> None:
        """Rules across one row's columns; append to row.errors."""

    def check_file(self, report: ImportReport, *, by, context: dict) -> None:
        """Rules across rows (duplicates within the file, against the database)."""

    def save(self, rows: list[ImportRow], *, by) -> list:
        """Write the checked rows; runs inside the confirm's transaction."""
        raise NotImplementedError

    def audit_summary(self, count: int) -> str:
        return _("%(title)s %(n)s 行") % {"title": self.title, "n": count}

    # --- the machinery -------------------------------------------------------------------

    def check(self, *, by, rows: list[dict]) -> ImportReport:
        """Validate every row; each problem is reported in Chinese at its Excel row number."""
        rows = simplify_rows(rows)
        found = self._resolve_lookups(by, rows)
        context = self.prepare(by=by, found=found)
        report = ImportReport(rows=[])
        for raw in rows:
            row = ImportRow(number=raw["_row"], values=raw)
            for column in self.columns:
                value = self._read(column, raw.get(column.header), row, found)
                if column.field:
                    row.data[column.field] = value
            self.clean_row(row, by=by, context=context)
            report.rows.append(row)
        self.check_file(report, by=by, context=context)
        return report

    def _resolve_lookups(self, by, rows) -> dict[str, Mapping[str, list]]:
        found = {}
        for column in self.columns:
            if column.lookup and column.lookup not in found:
                names = {cell_text(r.get(column.header)) for r in rows} - {""}
                found[column.lookup] = self.lookups[column.lookup].find(by, names) if names else {}
        return found

    def _read(self, column: ImportColumn, value, row: ImportRow, found):
        text = cell_text(value)
        if not text:
            if column.required:
                row.errors.append(column.required)
            return column.default
        if column.lookup:
            lookup = self.lookups[column.lookup]
            matches = found[column.lookup].get(text, [])
            if len(matches) == 1:
                return matches[0]
            message = lookup.ambiguous if matches else lookup.unknown
            row.errors.append(message % {"name": text, "choices": "、".join(found[column.lookup])})
            return column.default
        if column.parse is not None:
            try:
                return column.parse(value)
            except RowError as exc:
                row.errors.append(exc.message)
                return column.default
        return text

    def confirm(self, *, by, rows: list[dict]) -> list:
        """Write every row or none: a single bad row means nothing is saved. The check runs
        before the transaction opens, so the audit entries it writes survive a refusal."""
        report = self.check(by=by, rows=rows)
        report.refuse_if_invalid()
        with transaction.atomic():
            created = self.save(report.rows, by=by)
            audit.record(
                by=by,
                action=audit.Action.IMPORT,
                summary=self.audit_summary(len(created)),
                details={"count": len(created)},
                org_path=by.scope.org_path,
            )
        return created

    def template(self) -> bytes:
        """The import template: the columns, one example row that imports as is, the help."""
        return render_template_xlsx(
            title=str(self.title),
            headers=self.headers,
            example=[c.example for c in self.columns],
            help_rows=[str(h) for h in self.help_rows],
            dropdowns=self.dropdown_choices(),
        )

    def dropdown_choices(self) -> dict[str, list[str]]:
        """Columns offered as drop-down lists in the template: {header: [choices]}."""
        return {}

    def preview_rows(self, report: ImportReport) -> list[tuple[ImportRow, list]]:
        return [(row, [show(row) for _header, show in self.preview]) for row in report.rows]


# --- the file between preview and confirmation --------------------------------------------


def read_upload(upload, *, headers) -> list[dict]:
    """Rows of an uploaded .xlsx whose content has been sniffed; ValidationFailed otherwise."""
    check_upload(upload, allowed={"xlsx"})
    return simplify_rows(read_rows(upload, headers=headers))


def stash_upload(session, key: str, upload, *, folder: str) -> None:
    """Keep a previewed file until the user confirms, remembered in the session under `key`."""
    upload.seek(0)
    name = default_storage.save(
        f"imports/{folder}/{uuid.uuid4().hex}.xlsx", ContentFile(upload.read())
    )
    session[key] = name


def stashed_rows(session, key: str, *, headers) -> list[dict] | None:
    name = session.get(key)
    if not name or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as fh:
        return simplify_rows(read_rows(io.BytesIO(fh.read()), headers=headers))


def drop_stash(session, key: str) -> None:
    name = session.pop(key, None)
    if name and default_storage.exists(name):
        default_storage.delete(name)


# --- the import page ------------------------------------------------------------------------


def import_page(
    request,
    schema: ImportSchema,
    *,
    form,
    heading: str,
    template_url: str,
    done_url: str,
    done_message: str,
):
    """The page every import shares: upload → preview with row errors → confirm.

    `done_message` may use %(n)s, the number of rows written."""
    key = f"import:{schema.name}"
    report = None
    if request.method == "POST" and "confirm" in request.POST:
        rows = stashed_rows(request.session, key, headers=schema.headers)
        if rows is None:
            messages.error(request, _("导入文件已失效，请重新上传"))
            return redirect(request.path)
        try:
            created = schema.confirm(by=request.user, rows=rows)
        except ValidationFailed as exc:
            messages.error(request, exc.message)
            report = schema.check(by=request.user, rows=rows)
        else:
            drop_stash(request.session, key)
            messages.success(request, done_message % {"n": len(created)})
            return redirect(done_url)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_upload(upload, headers=schema.headers)
        except ValidationFailed as exc:
            form.add_error("file", exc.message)
        else:
            report = schema.check(by=request.user, rows=rows)
            if report.is_valid:
                stash_upload(request.session, key, upload, folder=schema.name)
    return render(
        request,
        "components/import_page.html",
        {
            "form": form,
            "report": report,
            "heading": heading,
            "template_url": template_url,
            "preview_headers": [header for header, _show in schema.preview],
            "preview_rows": schema.preview_rows(report) if report else [],
        },
    )
