"""The `gonghui` console entry point: manage.py with friendlier names for everyday commands."""

import os
import sys

ALIASES = {
    "worker": "db_worker",
    "gen-scale": "gen_scale",
}


def main() -> None:
    # Running from a checkout (make demo/run) is the local, DEBUG setup unless told otherwise.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    if os.environ["DJANGO_SETTINGS_MODULE"] == "config.settings.base":
        os.environ.setdefault("DJANGO_DEBUG", "true")
        os.environ.setdefault("GONGHUI_SECURE", "false")
    argv = list(sys.argv)
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
