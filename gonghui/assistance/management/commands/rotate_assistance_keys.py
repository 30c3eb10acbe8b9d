"""Re-encrypt every sensitive value of the assistance app under the newest key of
GONGHUI_FIELD_KEYS (put the new key first, keep the old ones after it, run this, then drop the
old keys)."""

from django.core.management.base import BaseCommand

from gonghui.assistance.services import rotate_encryption_keys


class Command(BaseCommand):
    help = "Re-encrypt the assistance app's sensitive columns under the newest field key."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, batch, **options):
        counts = rotate_encryption_keys(batch=batch)
        for table, n in counts.items():
            self.stdout.write(f"{table}: {n}")
