"""The all-or-nothing Excel import shape: rows checked one by one, errors in Chinese per row,
and the checked file kept between preview and confirmation."""

import io
import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from .exceptions import ValidationFailed
from .files import check_upload
from .spreadsheets import read_rows
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
