"""`gonghui serve` (what `make demo` runs): site (gunicorn), worker and scheduler as one
supervised command."""

import contextlib
import importlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from gonghui.core.management.commands.serve import bind_address, site_url, web_command

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("addrport", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000/"),
        ("127.0.0.1:8123", "http://127.0.0.1:8123/"),
        ("9001", "http://127.0.0.1:9001/"),
        ("0.0.0.0:8080", "http://127.0.0.1:8080/"),
        ("localhost:8765", "http://localhost:8765/"),
        ("[::1]:8000", "http://[::1]:8000/"),
    ],
)
def test_the_printed_address_is_the_one_served(addrport, url):
    assert site_url(addrport) == url


def test_an_unusable_address_is_refused():
    with pytest.raises(ValueError):
        site_url("127.0.0.1:port")


@pytest.mark.parametrize(
    ("addrport", "bind"),
    [
        ("127.0.0.1:8000", "127.0.0.1:8000"),
        ("9001", "127.0.0.1:9001"),
        ("0:8080", "0.0.0.0:8080"),
        ("[::1]:8000", "[::1]:8000"),
    ],
)
def test_the_site_is_bound_where_runserver_would_have_listened(addrport, bind):
    assert bind_address(addrport) == bind


def test_the_site_runs_under_gunicorn_with_the_deployment_settings():
    command = web_command("127.0.0.1:8123", reload=False)
    assert "-m gunicorn -c python:config.gunicorn_conf --bind 127.0.0.1:8123" in command
    assert command.endswith("config.wsgi:application")
    assert "runserver" not in command
    assert "--reload" not in command
    assert "--reload" in web_command("8123", reload=True)


@pytest.fixture
def gunicorn_conf(monkeypatch):
    for name in (
        "GONGHUI_WEB_WORKERS",
        "GONGHUI_WEB_THREADS",
        "GONGHUI_WEB_TIMEOUT",
        "GONGHUI_WEB_CONNECTIONS",
        "GONGHUI_WEB_KEEPALIVE",
    ):
        monkeypatch.delenv(name, raising=False)

    def load():
        return importlib.reload(importlib.import_module("config.gunicorn_conf"))

    return load


def test_gunicorn_workers_threads_and_timeout_come_from_the_environment(gunicorn_conf, monkeypatch):
    monkeypatch.setenv("GONGHUI_WEB_WORKERS", "3")
    monkeypatch.setenv("GONGHUI_WEB_THREADS", "8")
    monkeypatch.setenv("GONGHUI_WEB_TIMEOUT", "120")
    conf = gunicorn_conf()
    assert (conf.workers, conf.threads, conf.timeout) == (3, 8, 120)
    assert conf.graceful_timeout == 30


def test_gunicorn_defaults_follow_the_cores(gunicorn_conf):
    conf = gunicorn_conf()
    assert conf.workers == conf.default_workers()
    assert (conf.threads, conf.timeout, conf.worker_class) == (4, 60, "gthread")
    assert [conf.default_workers(n) for n in (1, 2, 4, 32)] == [2, 3, 5, 9]
    # Two sites (or test servers) on one machine must not share gunicorn's control socket.
    assert conf.control_socket_disable is True


def test_a_process_takes_only_the_connections_it_has_threads_for(gunicorn_conf, monkeypatch):
    """Connections beyond a process's threads wait in the kernel's queue for whichever process
    frees a thread first, instead of queueing inside one process while the others idle."""
    conf = gunicorn_conf()
    assert conf.worker_connections == conf.threads
    assert conf.keepalive == 0
    monkeypatch.setenv("GONGHUI_WEB_THREADS", "8")
    assert gunicorn_conf().worker_connections == 8
    monkeypatch.setenv("GONGHUI_WEB_CONNECTIONS", "100")
    monkeypatch.setenv("GONGHUI_WEB_KEEPALIVE", "5")
    conf = gunicorn_conf()
    assert (conf.worker_connections, conf.keepalive) == (100, 5)


def test_make_demo_and_run_serve_on_host():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("demo", "run"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
        assert "gonghui serve $(HOST)" in recipe
        assert "runserver" not in recipe


# --- the supervised command, for real ------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gonghui(*args, env, **kwargs):
    return subprocess.Popen(
        [sys.executable, "-m", "gonghui.cli", *args], cwd=ROOT, env=env, **kwargs
    )


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that exited but was not yet reaped by its parent is a zombie: not running.
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


class Served:
    """A `gonghui serve` on a free port with its own SQLite database, output read line by line."""

    def __init__(self, tmp_path: Path, *, reload: bool):
        self.port = _free_port()
        self.db = tmp_path / "db.sqlite3"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DJANGO_DEBUG": "true",
            "GONGHUI_SECURE": "false",
            "GONGHUI_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{self.db}",
            "PYTHONUNBUFFERED": "1",
            # Two site processes are enough to prove supervision and start fast on a busy
            # machine; the default follows the cores.
            "GONGHUI_WEB_WORKERS": "2",
        }
        migrate = _gonghui("migrate", "--noinput", "-v0", env=self.env)
        assert migrate.wait(timeout=180) == 0
        self.log = tmp_path / "serve.log"
        self.proc = _gonghui(
            "serve",
            f"127.0.0.1:{self.port}",
            *([] if reload else ["--noreload"]),
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text()

    def pids(self) -> dict[str, int]:
        found = dict(re.findall(r"(web|worker|scheduler) started \(pid=(\d+)\)", self.output()))
        return {name: int(pid) for name, pid in found.items()}

    def site_answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/accounts/login/") as r:
                return r.status == 200
        except OSError:
            return False

    def enqueue_sweep(self) -> str:
        code = (
            "from gonghui.wishes.tasks import expire_overdue_wishes;"
            "print(expire_overdue_wishes.enqueue().id)"
        )
        shell = _gonghui("shell", "-c", code, env=self.env, stdout=subprocess.PIPE, text=True)
        out, _ = shell.communicate(timeout=120)
        return out.strip().splitlines()[-1]

    def task_status(self, task_id: str) -> str | None:
        with sqlite3.connect(self.db) as conn:
            row = conn.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE id IN (?, ?)",
                (task_id, task_id.replace("-", "")),
            ).fetchone()
        return row[0] if row else None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for pid in self.pids().values():
            # Each child leads its own process group (honcho starts a new session for it).
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)


@pytest.fixture
def serve(tmp_path):
    servers = []

    def start(*, reload: bool) -> Served:
        servers.append(Served(tmp_path, reload=reload))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.mark.slow
def test_serve_runs_the_site_and_a_worker_that_completes_queued_work_and_ctrl_c_stops_all(
    serve,
):
    served = serve(reload=True)  # as `make demo` runs it
    assert f"打开 http://127.0.0.1:{served.port}/ 登录" in _wait(
        served.output, 30, "the address line"
    )
    _wait(lambda: len(served.pids()) == 3, 60, "three processes")
    _wait(served.site_answers, 120, "the site to answer")
    assert "Starting gunicorn" in served.output()
    # The worker records its heartbeat, so pages that queue work do not warn.
    with sqlite3.connect(served.db) as conn:
        assert _wait(
            lambda: conn.execute("SELECT count(*) FROM core_workerheartbeat").fetchone()[0],
            60,
            "a worker heartbeat",
        )
    # The scheduler has registered the apps' periodic jobs.
    with sqlite3.connect(served.db) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM core_scheduledjob")}
    assert "gonghui.wishes.tasks.expire_overdue_wishes" in names

    task_id = served.enqueue_sweep()
    assert _wait(lambda: served.task_status(task_id) == "SUCCESSFUL", 60, "the queued task")

    children = served.pids()
    served.proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
    assert served.proc.wait(timeout=30) is not None
    for name, pid in children.items():
        _wait(lambda pid=pid: not _alive(pid), 10, f"{name} to stop")
    assert not served.site_answers()
    # The worker stopped cleanly (not killed mid-task) and removed its heartbeat.
    with sqlite3.connect(served.db) as conn:
        assert conn.execute("SELECT count(*) FROM core_workerheartbeat").fetchone()[0] == 0


@pytest.mark.slow
def test_when_one_process_dies_serve_stops_the_others(serve):
    served = serve(reload=False)
    pids = _wait(lambda: len(served.pids()) == 3 and served.pids(), 60, "three processes")
    _wait(served.site_answers, 120, "the site to answer")
    os.kill(pids["worker"], signal.SIGKILL)
    served.proc.wait(timeout=30)
    for name, pid in pids.items():
        _wait(lambda pid=pid: not _alive(pid), 10, f"{name} to stop")
