"""`gonghui serve`: the site, the task worker and the scheduler as one supervised command.

Ctrl-C (or SIGTERM) stops all three; when one of them exits, the others are stopped too, so a
demo never runs with a silently dead worker. Supervision is honcho's process manager.
"""

import os
import re
import shlex
import sys

from django.core.management.base import BaseCommand, CommandError
from honcho.manager import Manager

DEFAULT_ADDRPORT = "127.0.0.1:8000"
_ADDRPORT = re.compile(r"^(?:(?P<addr>\[[0-9a-fA-F:.]+\]|[^:\[\]]+):)?(?P<port>\d+)$")


def site_url(addrport: str) -> str:
    """The address to open in a browser for a `runserver` address:port (or bare port)."""
    match = _ADDRPORT.match(addrport.strip())
    if not match:
        raise ValueError(addrport)
    addr = match["addr"] or "127.0.0.1"
    if addr in ("0.0.0.0", "0"):  # listening on every interface: this machine answers too
        addr = "127.0.0.1"
    elif addr == "[::]":
        addr = "[::1]"
    return f"http://{addr}:{match['port']}/"


def _command(*args: str) -> str:
    # honcho runs each command through a shell; `exec` makes the shell become the process, so
    # the pid honcho reports is the one that serves, and its death closes the output pipe.
    return "exec " + shlex.join([sys.executable, "-m", "gonghui.cli", *args])


class Command(BaseCommand):
    help = (
        "启动网站、后台任务 worker 和定时任务调度（Ctrl-C 全部停止；任何一个退出，其余也随之停止）"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default=DEFAULT_ADDRPORT, help="监听地址和端口，或只写端口"
        )
        parser.add_argument(
            "--noreload",
            action="store_true",
            help="代码修改后不自动重启网站（worker 从不自动重启，修改任务代码后请重新运行）",
        )

    def handle(self, *args, addrport=DEFAULT_ADDRPORT, noreload=False, **options):
        try:
            url = site_url(addrport)
        except ValueError as exc:
            raise CommandError(f"地址“{addrport}”无效，应为 端口 或 地址:端口") from exc
        reload_web = ["--noreload"] if noreload else []
        # Children write through a pipe; unbuffered output reaches the console line by line.
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        manager = Manager()
        manager.add_process("web", _command("runserver", addrport, *reload_web), env=env)
        # The worker never autoreloads here: Django's reloader SIGKILLs its child when stopped,
        # which would cut a running task short; without it, Ctrl-C lets the task finish.
        manager.add_process("worker", _command("worker", "--no-reload"), env=env)
        manager.add_process("scheduler", _command("scheduler"), env=env)
        self.stdout.write(self.style.SUCCESS(f"打开 {url} 登录（Ctrl-C 停止网站、worker 和调度）"))
        self.stdout.flush()
        manager.loop()
        sys.exit(manager.returncode)
