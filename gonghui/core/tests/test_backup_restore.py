"""`gonghui backup` / `gonghui restore`: a round trip of the database and the files on the
suite's database (SQLite, or PostgreSQL in the PostgreSQL run); a backup killed midway leaves
the previous archive intact and no partial file; restore refuses to overwrite data unless
forced."""

import hashlib
import io
import json
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from gonghui.core import backups

User = get_user_model()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def backup_dir(tmp_path, settings):
    settings.GONGHUI_BACKUP_DIR = tmp_path / "backups"
    return settings.GONGHUI_BACKUP_DIR


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".gonghui-"))


@pytest.mark.slow  # about 7 s on PostgreSQL (pg_dump, pg_restore)
@pytest.mark.django_db(transaction=True)
def test_round_trip_brings_back_the_database_and_the_files(media, backup_dir):
    User.objects.create_user(username="zhang.wei", password="x" * 12, first_name="张伟")
    kept = default_storage.save("ledger/2025/说明报告.pdf", ContentFile(b"%PDF-1.4 kept"))

    out = run("backup")
    (archive,) = backups.archives(backup_dir)
    assert str(archive) in out and "文件 1 个" in out
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == connection.vendor
    assert manifest["database"] in names and f"media/{kept}" in names

    # Life goes on after the backup ...
    User.objects.filter(username="zhang.wei").update(first_name="改过")
    User.objects.create_user(username="li.na", password="x" * 12)
    default_storage.delete(kept)
    later = default_storage.save("ledger/2025/later.pdf", ContentFile(b"%PDF-1.4 later"))

    # ... until the backup is restored: both the rows and the files are as they were.
    run("restore", str(archive), "--force")
    assert list(User.objects.values_list("username", "first_name")) == [("zhang.wei", "张伟")]
    assert default_storage.open(kept).read() == b"%PDF-1.4 kept"
    assert not default_storage.exists(later)
    assert leftovers(media.parent) == []


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_to_overwrite_existing_data_without_force(media, backup_dir):
    User.objects.create_user(username="zhang.wei", password="x" * 12)
    run("backup")
    (archive,) = backups.archives(backup_dir)
    User.objects.create_user(username="li.na", password="x" * 12)
    with pytest.raises(CommandError, match=r"2 个用户账户.*--force"):
        run("restore", str(archive))
    assert User.objects.count() == 2  # untouched


@pytest.mark.django_db
def test_stored_files_alone_also_count_as_existing_data(media):
    assert backups.existing_data() == []
    default_storage.save("ledger/a.pdf", ContentFile(b"%PDF"))
    assert any("文件目录" in line for line in backups.existing_data())


@pytest.mark.django_db(transaction=True)
def test_a_backup_killed_midway_leaves_the_previous_archive_intact(media, backup_dir, monkeypatch):
    default_storage.save("ledger/a.pdf", ContentFile(b"%PDF-1.4 a"))
    run("backup")
    (previous,) = backups.archives(backup_dir)
    before = digest(previous)

    real_add = tarfile.TarFile.add

    def dies_after_the_database(self, name, arcname=None, **kwargs):
        if arcname and arcname.startswith("media/"):
            raise KeyboardInterrupt  # as if stopped while writing the files
        return real_add(self, name, arcname=arcname, **kwargs)

    monkeypatch.setattr(tarfile.TarFile, "add", dies_after_the_database)
    with pytest.raises(KeyboardInterrupt):
        run("backup")
    assert backups.archives(backup_dir) == [previous]
    assert digest(previous) == before
    assert leftovers(backup_dir) == []


@pytest.mark.django_db(transaction=True)
def test_leftovers_of_a_killed_backup_are_removed_by_the_next_one(media, backup_dir):
    backup_dir.mkdir()
    (backup_dir / ".gonghui-gonghui-20250101-000000.tar.partial").write_bytes(b"half")
    (backup_dir / ".gonghui-work").mkdir()
    run("backup")
    assert leftovers(backup_dir) == []
    assert len(backups.archives(backup_dir)) == 1


@pytest.mark.django_db(transaction=True)
def test_keep_deletes_the_oldest_archives_once_the_new_one_is_written(media, backup_dir):
    for _ in range(3):
        run("backup", "--keep", "2")
    assert len(backups.archives(backup_dir)) == 2


def test_a_partial_or_foreign_file_is_not_restored(tmp_path):
    broken = tmp_path / "gonghui-20250101-000000.tar"
    broken.write_bytes(b"not a tar at all")
    with pytest.raises(CommandError, match="不是完整的备份文件"):
        run("restore", str(broken))


def test_an_archive_member_escaping_the_tree_is_refused(tmp_path, settings, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "evil.tar"
    manifest = backups.Manifest(
        engine=connection.vendor,
        database=backups.SQLITE_MEMBER,
        media="included",
        num_files=1,
        created_at="2025-01-01T00:00:00+08:00",
    )
    with tarfile.open(archive, "w") as tar:
        for name, data in (("manifest.json", manifest.to_json()), ("../escaped.txt", b"x")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(tarfile.TarError):
        backups.restore_backup(archive, force=True)
    assert not (tmp_path / "escaped.txt").exists()
