"""`gonghui restore ARCHIVE`: replace the database and the uploaded files with a backup's."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gonghui.core import backups


class Command(BaseCommand):
    help = (
        "从 gonghui backup 的归档恢复数据库和上传的文件（请先停止网站、worker 和调度）；"
        "已有数据时须加 --force"
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="备份归档（.tar）")
        parser.add_argument(
            "--force", action="store_true", help="即使已有用户账户或文件也覆盖（全部替换）"
        )

    def handle(self, *args, archive: Path, force=False, **options):
        if not archive.is_file():
            raise CommandError(f"找不到备份文件 {archive}")
        try:
            manifest = backups.restore_backup(archive, force=force)
        except backups.DatabaseNotEmpty as exc:
            raise CommandError(
                f"{exc}。恢复会覆盖这些数据；确认要全部替换，请加 --force 再运行"
            ) from exc
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已从 {archive.name}（{manifest.created_at}）恢复数据库"
                f"和 {manifest.num_files} 个文件；如系统已升级，请再运行 gonghui migrate"
            )
        )
