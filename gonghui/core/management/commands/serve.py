"""`gonghui serve`: the site (under gunicorn), the task worker and the scheduler as one
supervised command.

Ctrl-C (or SIGTERM) stops all three; when one of them exits, the others are stopped too, so a
demo never runs with a silently dead worker. Supervision is honcho's process manager. The site
runs under the same gunicorn settings as a deployment (config/gunicorn_conf.py: workers,
threads and timeout from GONGHUI_WEB_WORKERS, GONGHUI_WEB_THREADS, GONGHUI_WEB_TIMEOUT).
"""

import os
import re
import shlex
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from honcho.manager import Manager

DEFAULT_ADDRPORT = "127.0.0.1:8000"
_ADDRPORT = re.compile(r"^(?:(?P<addr>\[[0-9a-fA-F:.]+\]|[^:\[\]]+):)?(?P<port>\d+)$")


def _split(addrport: str) -> tuple[str, str]:
    match = _ADDRPORT.match(addrport.strip())
    if not match:
        raise ValueError(addrport)
    return match["addr"] or "127.0.0.1", match["port"]


def bind_address(addrport: str) -> str:
    """gunicorn's `--bind` for an address:port (or bare port), as `runserver` accepted them."""
    addr, port = _split(addrport)
    if addr == "0":
        addr = "0.0.0.0"
    return f"{addr}:{port}"


def site_url(addrport: str) -> str:
    """The address to open in a browser for an address:port (or bare port)."""
    addr, port = _split(addrport)
    if addr in ("0.0.0.0", "0"):  # listening on every interface: this machine answers too
        addr = "127.0.0.1"
    elif addr == "[::]":
        addr = "[::1]"
    return f"http://{addr}:{port}/"


def _exec(*argv: str) -> str:
    # honcho runs each command through a shell; `exec` makes the shell become the process, so
    # the pid honcho reports is the one that serves, and its death closes the output pipe.
    return "exec " + shlex.join([sys.executable, *argv])


def _command(*args: str) -> str:
    return _exec("-m", "gonghui.cli", *args)


def web_command(addrport: str, *, reload: bool) -> str:
    """gunicorn serving the site with the deployment's settings, bound to `addrport`."""
    options = ["-c", "python:config.gunicorn_conf", "--bind", bind_address(addrport)]
    if reload:
        options.append("--reload")
    return _exec("-m", "gunicorn", *options, "config.wsgi:application")


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
        parser.add_argument(
            "--reload",
            action="store_true",
            help="代码修改后自动重启网站（DEBUG 时默认开启）",
        )

    def handle(self, *args, addrport=DEFAULT_ADDRPORT, noreload=False, reload=False, **options):
        try:
            url = site_url(addrport)
        except ValueError as exc:
            raise CommandError(f"地址“{addrport}”无效，应为 端口 或 地址:端口") from exc
        if not settings.DEBUG and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            # Without DEBUG the site serves only collected, hashed static files.
            raise CommandError("静态文件尚未收集：请先运行 gonghui collectstatic --noinput")
        # Reloading on code changes is for development; a deployment restarts on upgrade.
        reload_web = reload or (settings.DEBUG and not noreload)
        # Children write through a pipe; unbuffered output reaches the console line by line.
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        manager = Manager()
        manager.add_process("web", web_command(addrport, reload=reload_web), env=env)
        # The worker never autoreloads here: Django's reloader SIGKILLs its child when stopped,
        # which would cut a running task short; without it, Ctrl-C lets the task finish.
        manager.add_process("worker", _command("worker", "--no-reload"), env=env)
        manager.add_process("scheduler", _command("scheduler"), env=env)
        self.stdout.write(self.style.SUCCESS(f"打开 {url} 登录（Ctrl-C 停止网站、worker 和调度）"))
        self.stdout.flush()
        manager.loop()
        sys.exit(manager.returncode)
