"""Load tests of a page against the production server, for `gonghui bench --only loadtest`.

An app declares one with `load_test_case(name, path, username=…)` in its bench.py. The case
starts `gonghui serve` (gunicorn with the deployment's settings, the task worker and the
scheduler) on a free port with DEBUG off, against this process's database (DATABASE_URL or the
SQLite file), logs the user in (a session made here, sent as its cookie), and drives the page
with wrk at a fixed concurrency: a short warm-up, then GONGHUI_LOADTEST_SECONDS (30) measured.
It reports requests per second, p50/p95/p99 latency, errors (any answer but 200, socket errors
and timeouts), the CPU the site's processes spent per request and the load average.

CPU-ms per request is the figure that survives a busy machine: requests per second are what
this machine gave while shared, while `cores × 1000 / CPU-ms` is what the cores would hold
with the site alone on them. On a PostgreSQL server running on this machine the CPU of the
backends serving the site is counted too (`database_cpu_ms_per_request`), since they share the
cores.
"""

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from .bench import Case, Result

DEFAULT_SECONDS = 30
WARMUP_SECONDS = 3
_TICKS = os.sysconf("SC_CLK_TCK")


def seconds_from_env() -> int:
    return int(os.environ.get("GONGHUI_LOADTEST_SECONDS", DEFAULT_SECONDS))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- The server ----------------------------------------------------------------------------


def _server_environment() -> dict:
    """Production settings on plain HTTP for 127.0.0.1; the database and data directory are
    this process's (inherited from the environment), the secret key too, so that a session
    made here is valid there."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "GONGHUI_SECURE": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GONGHUI_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


@contextlib.contextmanager
def running_server(*, env: Mapping[str, str] = ()) -> Iterator[tuple[int, int]]:
    """`gonghui serve` on a free port; yields (port, pid of the supervisor), stops it after.
    `env` adds or overrides settings of the server (workers, an app's limits)."""
    environment = {**_server_environment(), **dict(env)}
    cli = [sys.executable, "-m", "gonghui.cli"]
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        # Without DEBUG the site serves only collected, hashed static files.
        subprocess.run(
            [*cli, "collectstatic", "--noinput", "-v", "0"],
            env=environment,
            cwd=settings.BASE_DIR,
            check=True,
        )
    port = free_port()
    with tempfile.TemporaryFile(prefix="gonghui-loadtest-") as log:
        process = subprocess.Popen(
            [*cli, "serve", f"127.0.0.1:{port}", "--noreload"],
            env=environment,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_until_up(process, port, log)
            yield port, process.pid
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_until_up(process: subprocess.Popen, port: int, log) -> None:
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            output = log.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"gonghui serve did not start:\n{output}")
        try:
            http_get(port, "/healthz")  # any answer: the site is up
            return
        except OSError:
            time.sleep(0.3)


def http_get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def session_cookie(username: str) -> str:
    """A logged-in session for `username`, as the Cookie header a browser would send (made
    through the configured session engine, so it works for any of them)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def _site_cpu_seconds(root: int) -> float:
    """User + system CPU of the gunicorn processes under `root`, reaped workers included
    (gunicorn recycles a worker after GONGHUI_WEB_MAX_REQUESTS)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    total, stack = 0.0, [(root, False)]
    while stack:
        pid, in_site = stack.pop()
        try:
            in_site = in_site or b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if in_site:
            # utime, stime, cutime, cstime
            total += sum(int(v) for v in fields[11:15]) / _TICKS
        stack.extend((child, in_site) for child in children.get(pid, []))
    return total


def _database_cpu_seconds() -> float | None:
    """User + system CPU of the PostgreSQL backends serving this database, when the server runs
    on this machine (None on SQLite, whose work is inside the site's processes, or when the
    backends cannot be seen). The site keeps its connections, so the same backends serve the
    whole run."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()"
        )
        pids = [pid for (pid,) in cursor.fetchall()]
    total, seen = 0.0, False
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seen = True
        total += (int(fields[11]) + int(fields[12])) / _TICKS
    return total if seen else None


# --- The driver ----------------------------------------------------------------------------

LUA = r"""
wrk.headers["Cookie"] = "{COOKIE}"
local threads = {}
non_ok = 0

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 then non_ok = non_ok + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non_ok") end
  local e = summary.errors
  io.write("REQUESTS ", summary.requests, "\n")
  io.write("ELAPSED ", summary.duration / 1e6, "\n")
  io.write("NON_OK ", bad, "\n")
  io.write("SOCKET_ERRORS ", e.connect + e.read + e.write + e.timeout, "\n")
  for _, p in ipairs({50, 95, 99}) do
    io.write("LATENCY ", p, " ", latency:percentile(p) / 1000, "\n")
  end
  io.write("LATENCY max ", latency.max / 1000, "\n")
end
"""


def run_wrk(port: int, path: str, *, cookie: str, connections: int, seconds: float) -> dict:
    """wrk at `connections` for `seconds`: requests, elapsed seconds, latency percentiles in ms,
    answers other than 200 (a login redirect counts) and socket errors or timeouts."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA.replace("{COOKIE}", cookie))
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{min(2, connections)}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(script.name)
    if out.returncode:
        raise RuntimeError(f"wrk failed: {out.stderr or out.stdout}")
    figures: dict = {"latency_ms": {}}
    for line in out.stdout.splitlines():
        key, *values = line.split()
        if key == "LATENCY":
            figures["latency_ms"][values[0]] = float(values[1])
        elif key in {"REQUESTS", "NON_OK", "SOCKET_ERRORS"}:
            figures[key.lower()] = int(values[0])
        elif key == "ELAPSED":
            figures["elapsed"] = float(values[0])
    return figures


def load_test(path: str, *, username: str, connections: int, seconds: float | None = None) -> dict:
    """One load test of `path`: start the server, log in, warm up, measure, stop."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install -y wrk)")
    seconds = seconds or seconds_from_env()
    cookie = session_cookie(username)
    with running_server() as (port, pid):
        status, _body = http_get(port, path, cookie)
        if status != 200:
            raise RuntimeError(f"GET {path} as {username} → {status} (not logged in?)")
        # Every process imports, compiles templates and opens connections on first use.
        run_wrk(port, path, cookie=cookie, connections=connections, seconds=WARMUP_SECONDS)
        load_before = os.getloadavg()
        cpu_before, db_cpu_before = _site_cpu_seconds(pid), _database_cpu_seconds()
        figures = run_wrk(port, path, cookie=cookie, connections=connections, seconds=seconds)
        cpu = _site_cpu_seconds(pid) - cpu_before
        db_cpu_after = _database_cpu_seconds()
        load_after = os.getloadavg()
    requests = figures["requests"]
    figures.update(
        connections=connections,
        requests_per_second=round(requests / figures["elapsed"], 1) if requests else 0.0,
        errors=figures["non_ok"] + figures["socket_errors"],
        site_cpu_ms_per_request=round(1000 * cpu / requests, 2) if requests else None,
        cores=os.cpu_count(),
        load_average_before=[round(v, 2) for v in load_before],
        load_average_after=[round(v, 2) for v in load_after],
    )
    # Backends are counted as the run ends; one that closed mid-run takes its CPU with it, so
    # the figure is a lower bound (the site keeps its connections, so none should).
    db_cpu = None if None in (db_cpu_before, db_cpu_after) else db_cpu_after - db_cpu_before
    if requests and db_cpu is not None:
        figures["database_cpu_ms_per_request"] = round(1000 * db_cpu / requests, 2)
    if requests and cpu:
        figures["requests_per_second_cores_alone"] = round(
            os.cpu_count() * requests / (cpu + (db_cpu or 0))
        )
    return figures


def load_test_case(
    name: str,
    path: str,
    *,
    username: str,
    connections: int,
    min_requests_per_second: float | None = None,
    target_p95_ms: float | None = None,
) -> Case:
    """A bench case that runs only when asked for by name (`gonghui bench --only loadtest`):
    it takes GONGHUI_LOADTEST_SECONDS and starts its own server. ok means no errors and the
    targets met."""
    outcome: dict = {}

    def run():
        outcome["figures"] = load_test(path, username=username, connections=connections)

    def result() -> Result:
        figures = outcome["figures"]
        latency = figures["latency_ms"]
        ok = figures["errors"] == 0 and figures["requests"] > 0
        if min_requests_per_second is not None:
            ok = ok and figures["requests_per_second"] >= min_requests_per_second
        if target_p95_ms is not None:
            ok = ok and latency["95"] <= target_p95_ms
        extra = {
            key: figures[key]
            for key in (
                "connections",
                "requests_per_second",
                "errors",
                "non_ok",
                "socket_errors",
                "site_cpu_ms_per_request",
                "database_cpu_ms_per_request",
                "requests_per_second_cores_alone",
                "cores",
                "load_average_before",
                "load_average_after",
            )
            if key in figures
        }
        extra["p99_ms"] = latency["99"]
        if min_requests_per_second is not None:
            extra["target_requests_per_second"] = min_requests_per_second
        return Result(
            name=name,
            runs=figures["requests"],
            median_ms=round(latency["50"], 2),
            p95_ms=round(latency["95"], 2),
            max_ms=round(latency["max"], 2),
            target_p95_ms=target_p95_ms,
            ok=ok,
            extra=extra,
        )

    return Case(name, run, target_p95_ms, repeat=1, warmup=0, explicit=True, result=result)
