"""Backups: the database and the uploaded files in one dated archive, and restoring from one.

An archive is a plain tar holding `manifest.json`, the database (SQLite's online backup,
gzipped, or `pg_dump`'s custom format, already compressed) and `media/` (the uploaded and
generated files, stored as they are: PDF, Office files and images do not compress further).
It is written under a hidden temporary name and renamed into place only once complete and
flushed to disk, so a backup that is killed midway never replaces or damages the previous one;
its leftovers are removed by the next backup.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
SQLITE_MEMBER = "database.sqlite3.gz"
POSTGRES_MEMBER = "database.pgdump"
ARCHIVE_NAME = re.compile(r"^gonghui-\d{8}-\d{6}(?:-\d+)?\.tar$")
_PARTIAL_PREFIX = ".gonghui-"
_PARTIAL_SUFFIX = ".partial"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot proceed; the message is for the operator."""


class DatabaseNotEmpty(BackupError):
    pass


@dataclass(frozen=True)
class Manifest:
    engine: str
    database: str
    media: str  # "included", or "external" when files live in object storage
    num_files: int
    created_at: str

    def to_json(self) -> bytes:
        return json.dumps({"format": FORMAT, **self.__dict__}, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        if data.pop("format", None) != FORMAT:
            raise BackupError(_("无法识别的备份格式"))
        return cls(**data)


def _engine(alias: str = DEFAULT_DB_ALIAS) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(_("不支持备份 %(vendor)s 数据库") % {"vendor": vendor})
    return vendor


def _local_media() -> Path | None:
    """The media directory, or None when files live in object storage (backed up there)."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    return None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- writing ------------------------------------------------------------------------------


def _pg_environment(alias: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """libpq's environment for the database: the password never appears on a command line."""
    params = connections[alias].settings_dict
    env = dict(os.environ)
    for key, name in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if params.get(name):
            env[key] = str(params[name])
    if sslmode := params.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def _run_pg_tool(argv: list[str]) -> None:
    if shutil.which(argv[0]) is None:
        raise BackupError(
            _("找不到 %(tool)s：请安装与服务器版本一致的 PostgreSQL 客户端") % {"tool": argv[0]}
        )
    result = subprocess.run(argv, env=_pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{argv[0]}: {result.stderr.strip()}")


def _dump_database(engine: str, work: Path) -> tuple[Path, str]:
    if engine == "postgresql":
        target = work / POSTGRES_MEMBER
        _run_pg_tool(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
        )
        return target, POSTGRES_MEMBER
    # SQLite's online backup: a consistent copy while the site keeps reading and writing.
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    copy = work / "database.sqlite3"
    destination = sqlite3.connect(copy)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    target = work / SQLITE_MEMBER
    with copy.open("rb") as raw, gzip.open(target, "wb", compresslevel=6) as packed:
        shutil.copyfileobj(raw, packed, _CHUNK)
    copy.unlink()
    return target, SQLITE_MEMBER


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _write_archive(
    partial: Path, *, manifest: Manifest, database: Path, media_root: Path | None
) -> None:
    with tarfile.open(partial, "x") as tar:
        _add_bytes(tar, MANIFEST, manifest.to_json())
        tar.add(database, arcname=manifest.database)
        if media_root is not None:
            for path in _media_files(media_root):
                tar.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")


def _archive_path(directory: Path, now: datetime) -> Path:
    stem = f"gonghui-{timezone.localtime(now):%Y%m%d-%H%M%S}"
    path, n = directory / f"{stem}.tar", 1
    while path.exists():
        n += 1
        path = directory / f"{stem}-{n}.tar"
    return path


@contextlib.contextmanager
def _exclusive(directory: Path):
    """One backup at a time per directory (each cleans up the leftovers of killed ones)."""
    with (directory / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BackupError(_("另一个备份正在写入 %(dir)s") % {"dir": directory}) from exc
        yield


def _remove_leftovers(directory: Path) -> None:
    """Partial archives and work directories of backups that were killed midway."""
    for path in directory.glob(f"{_PARTIAL_PREFIX}*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.endswith(_PARTIAL_SUFFIX):
            path.unlink(missing_ok=True)


def archives(directory: Path) -> list[Path]:
    """Complete archives in the directory, oldest first."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if ARCHIVE_NAME.match(p.name))


def create_backup(*, directory: Path, keep: int = 0, now: datetime | None = None) -> Path:
    """Write a new archive into `directory` and return its path; with `keep`, delete the
    oldest archives beyond that many once the new one is in place."""
    engine = _engine()
    media_root = _local_media()
    directory.mkdir(parents=True, exist_ok=True)
    with _exclusive(directory):
        _remove_leftovers(directory)
        final = _archive_path(directory, now or timezone.now())
        partial = directory / f"{_PARTIAL_PREFIX}{final.name}{_PARTIAL_SUFFIX}"
        try:
            with tempfile.TemporaryDirectory(dir=directory, prefix=_PARTIAL_PREFIX) as work:
                database, member = _dump_database(engine, Path(work))
                manifest = Manifest(
                    engine=engine,
                    database=member,
                    media="included" if media_root is not None else "external",
                    num_files=len(_media_files(media_root)) if media_root else 0,
                    created_at=(now or timezone.now()).isoformat(),
                )
                _write_archive(partial, manifest=manifest, database=database, media_root=media_root)
            _fsync(partial)
            os.replace(partial, final)  # atomic: readers see the old set or the complete new one
            _fsync(directory)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        if keep:
            for old in archives(directory)[:-keep]:
                old.unlink()
    return final


# --- restoring ----------------------------------------------------------------------------


def read_manifest(archive: Path) -> Manifest:
    try:
        with tarfile.open(archive) as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            return Manifest.from_json(member.read())
    except (tarfile.TarError, KeyError, OSError, ValueError) as exc:
        raise BackupError(_("%(name)s 不是完整的备份文件") % {"name": archive.name}) from exc


def existing_data() -> list[str]:
    """What a restore would overwrite: user accounts and stored files (empty when none)."""
    found = []
    if get_user_model()._meta.db_table in connections[DEFAULT_DB_ALIAS].introspection.table_names():
        users = get_user_model().objects.count()
        if users:
            found.append(_("数据库中有 %(n)s 个用户账户") % {"n": users})
    media_root = _local_media()
    if media_root is not None and _media_files(media_root):
        found.append(_("文件目录 %(dir)s 中已有文件") % {"dir": media_root})
    return found


def _restore_sqlite(packed: Path) -> None:
    work = packed.with_suffix("")
    with gzip.open(packed, "rb") as source, work.open("wb") as raw:
        shutil.copyfileobj(source, raw, _CHUNK)
    source_db = sqlite3.connect(work)
    try:
        if source_db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(_("备份中的数据库已损坏"))
        connection = connections[DEFAULT_DB_ALIAS]
        connection.ensure_connection()
        # Page by page into the live file through SQLite itself, so the WAL and every other
        # open connection stay consistent (copying the file over it would not).
        source_db.backup(connection.connection)
    finally:
        source_db.close()
    connections[DEFAULT_DB_ALIAS].close()


def _restore_postgresql(dump: Path) -> None:
    connections[DEFAULT_DB_ALIAS].close()
    _run_pg_tool(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_pg_environment()['PGDATABASE']}",
            str(dump),
        ]
    )


def _replace_media(restored: Path, media_root: Path, work: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    previous = work / "media-previous"
    previous.mkdir()
    for child in list(media_root.iterdir()):
        shutil.move(child, previous / child.name)
    if restored.is_dir():
        for child in list(restored.iterdir()):
            shutil.move(child, media_root / child.name)


def restore_backup(archive: Path, *, force: bool = False) -> Manifest:
    """Replace the database and the files with the archive's. Refuses to overwrite existing
    data (user accounts, files) unless `force`."""
    manifest = read_manifest(archive)
    engine = _engine()
    if manifest.engine != engine:
        raise BackupError(
            _("备份来自 %(source)s 数据库，当前是 %(target)s，无法直接恢复")
            % {"source": manifest.engine, "target": engine}
        )
    if not force and (found := existing_data()):
        raise DatabaseNotEmpty("；".join(found))
    media_root = _local_media()
    # Unpacked next to the files, so that moving them into place is a rename.
    work_parent = (media_root or Path(settings.VAR_DIR)).resolve().parent
    with tempfile.TemporaryDirectory(dir=work_parent, prefix=".gonghui-restore-") as tmp:
        work = Path(tmp)
        with tarfile.open(archive) as tar:
            # The "data" filter refuses absolute paths, `..`, links out of the tree and devices.
            tar.extractall(work / "unpacked", filter="data")
        database = work / "unpacked" / manifest.database
        if engine == "postgresql":
            _restore_postgresql(database)
        else:
            _restore_sqlite(database)
        if media_root is not None and manifest.media == "included":
            _replace_media(work / "unpacked" / MEDIA, media_root, work)
    return manifest
