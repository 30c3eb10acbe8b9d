"""Uploads: content sniffing (never trust the name), size limit, zip bounds, sha256 and safe
stored names."""

import hashlib
import io
import os
import uuid
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

import filetype
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from .exceptions import ValidationFailed

# kind -> (allowed extensions, mime types as sniffed from content)
KINDS: dict[str, tuple[set[str], set[str]]] = {
    "pdf": ({"pdf"}, {"application/pdf"}),
    "docx": (
        {"docx"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ),
    "xlsx": ({"xlsx"}, {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    "jpg": ({"jpg", "jpeg"}, {"image/jpeg"}),
    "png": ({"png"}, {"image/png"}),
}
# Plain text and HTML have no magic bytes; they are accepted only where a caller asks for them
# (document ingestion), never by default.
TEXT_KINDS: dict[str, tuple[set[str], set[str]]] = {
    "txt": ({"txt"}, {"text/plain"}),
    "html": ({"html", "htm"}, {"text/html"}),
    # Structured text (测评体系 files); its parser checks the syntax.
    "yaml": ({"yaml", "yml"}, {"application/yaml"}),
}
IMAGE_KINDS = {"jpg", "png"}
DOCUMENT_KINDS = {"pdf", "docx", "xlsx"}

_OOXML_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
}

# Bounds on a zip-based upload (docx, xlsx), checked from its central directory before any
# part is parsed. Python's zipfile never inflates an entry past its declared size (a lying
# header fails the CRC check), so the declared sizes bound what a parser can be fed.
MAX_ZIP_ENTRIES = 1000
MB = 1024 * 1024
MAX_UNZIPPED_BYTES = 64 * MB
# Text parts compress about 5-20 times; a bomb compresses hundreds of times.
MAX_ZIP_RATIO = 100
_RATIO_FLOOR = MB


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    mime_type: str
    size: int
    sha256: str
    original_name: str
    safe_name: str


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def sniff_kind(head: bytes, fileobj) -> str | None:
    """The file kind judged from its bytes, or None if it is none of the allowed kinds."""
    guess = filetype.guess(head)
    if guess is None:
        return None
    if guess.mime == "application/pdf":
        return "pdf"
    if guess.mime == "image/jpeg":
        return "jpg"
    if guess.mime == "image/png":
        return "png"
    if guess.mime in {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }:
        fileobj.seek(0)
        try:
            with zipfile.ZipFile(fileobj) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            fileobj.seek(0)
        for kind, marker in _OOXML_MARKERS.items():
            if marker in names:
                return kind
    return None


def check_zip_bounds(source, *, name: str = "file", max_unzipped_bytes: int | None = None) -> None:
    """Refuse a zip (docx, xlsx) whose entries are too many or would inflate too far.

    `source` is bytes or a seekable binary file; only the central directory is read, so a
    bomb is refused in milliseconds and without inflating anything. `max_unzipped_bytes`
    raises the inflated ceiling for a reader that streams the parts instead of loading them.
    """
    limit = max_unzipped_bytes or MAX_UNZIPPED_BYTES
    fileobj = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    position = fileobj.tell()
    try:
        with zipfile.ZipFile(fileobj) as zf:
            entries = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return  # not a zip at all: the reader reports the file as unreadable
    finally:
        fileobj.seek(position)
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ValidationFailed(
            _(
                "文件“%(name)s”包含的部件过多（%(n)s 个，最多 %(max)s 个），"
                "不像正常的 Office 文件，已拒绝"
            )
            % {"name": name, "n": len(entries), "max": MAX_ZIP_ENTRIES},
            field="file",
        )
    total = sum(info.file_size for info in entries)
    if total > limit:
        raise ValidationFailed(
            _(
                "文件“%(name)s”解压后过大（约 %(mb)s MB，最多 %(max)s MB），已拒绝；"
                "请删除多余内容或拆分后再上传"
            )
            % {"name": name, "mb": total // MB, "max": limit // MB},
            field="file",
        )
    for info in entries:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(
            info.compress_size, 1
        ):
            raise ValidationFailed(
                _("文件“%(name)s”中的部件压缩比异常（解压后 %(mb)s MB），疑似压缩炸弹，已拒绝")
                % {"name": name, "mb": info.file_size // MB},
                field="file",
            )


def _sniff_text(head: bytes, name: str) -> str | None:
    """The text kind (txt, html, yaml) of bytes with no NUL and few control characters, or None."""
    if not head or b"\x00" in head:
        return None
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(head) // 20:
        return None
    ext = _extension(name)
    if ext in TEXT_KINDS["html"][0] or head.lstrip()[:15].lower().startswith(
        (b"<!doctype", b"<html")
    ):
        return "html"
    if ext in TEXT_KINDS["yaml"][0]:
        return "yaml"
    return "txt"


def check_upload(
    upload: UploadedFile,
    *,
    allowed: set[str] | None = None,
    max_bytes: int | None = None,
    max_unzipped_bytes: int | None = None,
) -> CheckedUpload:
    """Refuse a file whose content is not one of the allowed kinds, whatever its name says."""
    allowed = allowed or set(KINDS)
    max_bytes = max_bytes or settings.GONGHUI_MAX_UPLOAD_BYTES
    name = upload.name or "file"
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationFailed(
            _("文件“%(name)s”超过大小限制（最大 %(size)s MB）")
            % {"name": name, "size": max_bytes // (1024 * 1024)},
            field="file",
        )
    if upload.size == 0:
        raise ValidationFailed(_("文件“%(name)s”是空文件") % {"name": name}, field="file")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = sniff_kind(head, upload)
    if kind is None and allowed & TEXT_KINDS.keys():
        kind = _sniff_text(head, name)
    allowed_text = "、".join(sorted(allowed))
    if kind is None or kind not in allowed:
        raise ValidationFailed(
            _(
                "文件“%(name)s”的内容不是允许的类型（允许：%(allowed_text)s），请检查文件本身而非扩展名"
            )
            % {"name": name, "allowed_text": allowed_text},
            field="file",
        )
    known = KINDS.get(kind) or TEXT_KINDS[kind]
    ext = _extension(name)
    if ext not in known[0]:
        raise ValidationFailed(
            _("文件“%(name)s”的扩展名与内容不符：内容是 %(kind)s 文件")
            % {"name": name, "kind": kind},
            field="file",
        )
    if kind in _OOXML_MARKERS:
        check_zip_bounds(upload, name=name, max_unzipped_bytes=max_unzipped_bytes)
    digest = hashlib.sha256()
    size = 0
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return CheckedUpload(
        kind=kind,
        mime_type=next(iter(known[1])),
        size=size,
        sha256=digest.hexdigest(),
        original_name=os.path.basename(name)[:200],
        safe_name=f"{uuid.uuid4().hex}.{next(iter(sorted(known[0])))}",
    )


def safe_download_name(name: str) -> str:
    return get_valid_filename(name) or "download"


def quote_path(stored: str) -> str:
    """A stored name as the path of a URI (each segment percent-encoded)."""
    return quote(stored.lstrip("/"), safe="/")


def _accel_redirect_uri(storage, stored: str) -> str | None:
    """The internal URI under which the front web server (nginx) sends `stored` itself, or None
    to stream it from here: when GONGHUI_ACCEL_REDIRECT_PREFIX is unset, or when the storage is
    not a local directory that nginx can read (object storage)."""
    prefix = getattr(settings, "GONGHUI_ACCEL_REDIRECT_PREFIX", "")
    if not prefix or not isinstance(storage, FileSystemStorage):
        return None
    # Also refuses names that would step out of the storage directory.
    path = storage.path(stored)
    if not os.path.isfile(path):
        raise Http404(_("文件已不存在"))
    return prefix.rstrip("/") + "/" + quote_path(stored)


def _signed_object_url(storage, stored, download_name, content_type, inline) -> str | None:
    """A short-lived signed URL of `stored` in object storage, when signed downloads are on;
    None to stream (local storage, or object storage with streaming chosen)."""
    if not getattr(settings, "GONGHUI_S3_SIGNED_DOWNLOADS", False) or isinstance(
        storage, FileSystemStorage
    ):
        return None
    if not hasattr(storage, "bucket"):
        return None
    if not storage.exists(stored):
        raise Http404(_("文件已不存在"))
    disposition = "inline" if inline else "attachment"
    return storage.url(
        stored,
        parameters={
            "ResponseContentDisposition": (
                f"{disposition}; filename*=UTF-8''{quote(download_name)}"
            ),
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, max-age=0",
        },
        expire=settings.GONGHUI_S3_URL_SECONDS,
    )


def stored_file_response(
    stored: str, *, download_name: str, content_type: str | None = None, inline: bool = False
):
    """Send a stored file to a user the calling view has already authorised.

    Stored files are never reachable by URL (nothing routes MEDIA_URL); every download is a
    view that resolves the record through the user's scope and then calls this. The response
    is private, never sniffed and sandboxed, so an uploaded file cannot run in the site's origin.

    With GONGHUI_ACCEL_REDIRECT_PREFIX set, the body is left to nginx: the answer carries only
    the headers and `X-Accel-Redirect: <prefix>/<stored name>`, which nginx serves from an
    `internal` location (docs/deploy.md), so a large file does not hold a site process.
    """
    if content_type is None:
        ext = _extension(stored)
        known = next((k for k in (KINDS | TEXT_KINDS).values() if ext in k[0]), None)
        # Text and HTML are handed out as plain text, never rendered as a page.
        content_type = "application/octet-stream"
        if known and ext not in TEXT_KINDS["html"][0]:
            content_type = next(iter(known[1]))
    signed_url = _signed_object_url(default_storage, stored, download_name, content_type, inline)
    if signed_url is not None:
        # Object storage: the browser fetches the object itself with a URL signed for
        # GONGHUI_S3_URL_SECONDS; the headers below ride in the signature.
        response = HttpResponseRedirect(signed_url)
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response
    accel_uri = _accel_redirect_uri(default_storage, stored)
    if accel_uri is not None:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_uri
    else:
        try:
            handle = default_storage.open(stored, "rb")
        except (FileNotFoundError, ValueError) as exc:
            raise Http404(_("文件已不存在")) from exc
        response = FileResponse(handle, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(download_name)}"
    # nginx keeps Content-Type, Content-Disposition and Cache-Control of an X-Accel-Redirect
    # answer but drops the other headers: its internal location repeats these two.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, max-age=0"
    return response
