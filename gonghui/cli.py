"""The `gonghui` console entry point: manage.py with friendlier names for everyday commands.

Besides Django's commands: `serve` (site + worker + scheduler, what `make demo` runs), `worker`
(the task worker with its heartbeat), `scheduler` (the periodic jobs), `load_demo`, `bench`.
"""

import os
import sys

ALIASES = {
    "gen-scale": "gen_scale",
}


def main() -> None:
    # Without DJANGO_DEBUG in the environment this is the local setup (make demo / make run):
    # DEBUG on, plain HTTP. A deployment sets DJANGO_DEBUG=false and gets the secure defaults.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    if "DJANGO_DEBUG" not in os.environ:
        os.environ["DJANGO_DEBUG"] = "true"
        os.environ.setdefault("GONGHUI_SECURE", "false")
    argv = list(sys.argv)
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    # Django is imported only once settings are chosen (start-up of the console script).
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":  # `python -m gonghui.cli`, how `gonghui serve` starts its processes
    main()
