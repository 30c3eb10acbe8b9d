"""`gonghui backup`: the database and the uploaded files into one dated archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gonghui.core import backups


class Command(BaseCommand):
    help = "备份数据库和上传的文件，写入一个带日期的归档（写完才改名生效，中途中断不影响上一份）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="归档存放目录（默认 GONGHUI_BACKUP_DIR，即 var/backups）",
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="只保留最近的 N 份归档（默认全部保留）"
        )

    def handle(self, *args, dir=None, keep=0, **options):
        if keep < 0:
            raise CommandError("--keep 不能为负数")
        directory = dir or Path(settings.GONGHUI_BACKUP_DIR)
        try:
            archive = backups.create_backup(directory=directory, keep=keep)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backups.read_manifest(archive)
        size_mb = archive.stat().st_size / (1024 * 1024)
        self.stdout.write(
            self.style.SUCCESS(
                f"已备份到 {archive}（{size_mb:.1f} MB，数据库 {manifest.engine}，"
                f"文件 {manifest.num_files} 个）"
            )
        )
        if manifest.media == "external":
            self.stdout.write("上传的文件存放在对象存储中，请用存储自身的版本或复制功能备份")
