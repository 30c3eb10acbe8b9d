"""The public-submission load test: the production server command (`gonghui serve`: gunicorn,
the task worker and the scheduler) started on a free port against the configured database,
distinct questionnaires posted to the public API for a fixed time, then the rows counted.

The driver is wrk with a generated Lua script when wrk is installed (it costs the machine far
less CPU than the server it measures), else Python threads over keep-alive HTTP. Every request
carries its own idempotency key and device id, so every accepted (201) answer must be one new
row: `lost` = accepted − rows added must be 0, and `server_errors` (5xx) must be 0.

The CPU the server's processes spend (read from /proc before and after, the site's processes
and the task worker apart) divided by the accepted responses is the CPU-ms per response: on a
machine shared with other work the rate measured is pessimistic, while CPU-ms predicts what
the cores would hold (2 cores ÷ CPU-ms per response), as long as the database is not the
bottleneck (SQLite serialises writes; each commit is short, see services.submit_response).

All load comes from one address (127.0.0.1), so the server is started with the per-address
limit off (GONGHUI_SURVEY_SUBMITS_PER_IP_MINUTE=0) unless told otherwise; the per-device limit
and the idempotency check stay on the path and are exercised by every request.
"""

import contextlib
import http.client
import json
import os
import random
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from gonghui.core import loadtest as core_loadtest

PATH = "/api/v1/surveys/public/{key}"
_TICKS = os.sysconf("SC_CLK_TCK")


# --- The server ----------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        found.setdefault(ppid, []).append(int(entry))
    return found


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its reaped children (gunicorn recycles workers)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime stime cutime cstime are fields 14-17 of stat; after the ")" they start at index 11
    return sum(int(v) for v in fields[11:15]) / _TICKS


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def server_cpu(root: int) -> dict:
    """CPU seconds of the processes under `root`: the site (gunicorn) and the rest (worker,
    scheduler, the supervisor)."""
    tree = _children()
    totals = Counter()
    stack = [(root, "other")]
    while stack:
        pid, part = stack.pop()
        if "gunicorn" in _cmdline(pid):
            part = "web"
        elif " worker" in _cmdline(pid):
            part = "worker"
        totals[part] += _cpu_seconds(pid)
        stack.extend((child, part) for child in tree.get(pid, []))
    return dict(totals)


def database_cpu() -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend serving this database (it does part of the work
    SQLite does inside the site's processes); empty on SQLite or for a server elsewhere."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cursor.fetchall()]
    return {pid: _cpu_seconds(pid) for pid in pids if Path(f"/proc/{pid}").exists()}


@contextlib.contextmanager
def running_server(*, workers: int | None = None, threads: int | None = None, env: dict = ()):
    """`gonghui serve` started by core.loadtest (production settings, hashed static files, this
    process's database) with the per-address limit off — all load comes from 127.0.0.1 — and
    the given workers and threads; yields (base url, pid)."""
    extra = {"GONGHUI_SURVEY_SUBMITS_PER_IP_MINUTE": "0", **dict(env)}
    if workers:
        extra["GONGHUI_WEB_WORKERS"] = str(workers)
    if threads:
        extra["GONGHUI_WEB_THREADS"] = str(threads)
    with core_loadtest.running_server(env=extra) as (port, pid):
        yield f"http://127.0.0.1:{port}", pid


# --- The drivers ---------------------------------------------------------------------------


def fetch_form(base_url: str, access_key: str) -> dict:
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("GET", PATH.format(key=access_key))
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET public survey → {response.status}")
    return json.loads(body)


def _grids(form: dict) -> list[tuple[str, int]]:
    """(question id, width) of the grid questions (answered with one string)."""
    targets = len(form["targets"])
    return [
        (str(q["id"]), targets if q["is_per_target"] else len(q["rows"]))
        for q in form["questions"]
        if q["rows"] or q["is_per_target"]
    ]


def _body(grids, rng: random.Random, key: str) -> bytes:
    answers = {qid: "".join(rng.choices("1234", k=width)) for qid, width in grids}
    return json.dumps(
        {
            "answers": answers,
            "identity": rng.choice(["worker", "public", "student"]),
            "idempotency_key": key,
            "device_id": key,
        }
    ).encode()


def run_threads(base_url: str, access_key: str, *, seconds: float, connections: int) -> dict:
    parts = urlsplit(base_url)
    path = PATH.format(key=access_key) + "/responses"
    grids = _grids(fetch_form(base_url, access_key))
    statuses: Counter = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker(n: int):
        rng = random.Random(n)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        local: Counter = Counter()
        while time.monotonic() < stop_at:
            body = _body(grids, rng, uuid.uuid4().hex)
            try:
                conn.request("POST", path, body, {"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                local[response.status] += 1
            except (OSError, http.client.HTTPException):
                local["connection error"] += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.close()
        with lock:
            statuses.update(local)

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return {"driver": "python", "elapsed": time.monotonic() - started, "statuses": statuses}


LUA = r"""
local grids = {GRIDS}
local path = "{PATH}"
local run = "{RUN}"
local threads = {}
local counter = 0
statuses = {}
local digits = {"1", "2", "3", "4"}
local identities = {"worker", "public", "student"}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + tid)
  statuses = {}
end

function request()
  counter = counter + 1
  local key = run .. "-" .. tid .. "-" .. counter
  local parts = {}
  for i, g in ipairs(grids) do
    local cells = {}
    for j = 1, g[2] do cells[j] = digits[math.random(4)] end
    parts[i] = '"' .. g[1] .. '":"' .. table.concat(cells) .. '"'
  end
  local body = '{"answers":{' .. table.concat(parts, ",") .. '},"identity":"'
    .. identities[math.random(3)] .. '","idempotency_key":"' .. key
    .. '","device_id":"' .. key .. '"}'
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do io.write("STATUS ", status, " ", n, "\n") end
  io.write("ERRORS ", summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, "\n")
  io.write("ELAPSED ", summary.duration / 1e6, "\n")
  for _, p in ipairs({50, 95, 99}) do
    io.write("LATENCY ", p, " ", latency:percentile(p) / 1000, "\n")
  end
end
"""


def run_wrk(
    base_url: str, access_key: str, *, seconds: float, connections: int, threads: int = 2
) -> dict:
    grids = _grids(fetch_form(base_url, access_key))
    script = (
        LUA.replace("{GRIDS}", "{" + ",".join(f'{{"{q}",{w}}}' for q, w in grids) + "}")
        .replace("{PATH}", PATH.format(key=access_key) + "/responses")
        .replace("{RUN}", uuid.uuid4().hex[:12])
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{max(1, min(threads, connections))}",
                f"-c{connections}",
                f"-d{int(seconds)}s",
                "--timeout",
                "30s",
                "-s",
                f.name,
                base_url,
            ],
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(f.name)
    if out.returncode:
        raise RuntimeError(f"wrk failed: {out.stderr or out.stdout}")
    out = out.stdout
    statuses: Counter = Counter()
    latency, elapsed = {}, seconds
    for line in out.splitlines():
        parts = line.split()
        if parts[:1] == ["STATUS"]:
            statuses[int(parts[1])] += int(parts[2])
        elif parts[:1] == ["ERRORS"] and int(parts[1]):
            statuses["connection error"] += int(parts[1])
        elif parts[:1] == ["ELAPSED"]:
            elapsed = float(parts[1])
        elif parts[:1] == ["LATENCY"]:
            latency[f"p{parts[1]}_ms"] = round(float(parts[2]), 1)
    return {"driver": "wrk", "elapsed": elapsed, "statuses": statuses, "latency": latency}


def drive(base_url: str, access_key: str, *, seconds: float, connections: int, driver: str):
    if driver == "auto":
        driver = "wrk" if shutil.which("wrk") else "python"
    if driver == "wrk":
        return run_wrk(base_url, access_key, seconds=seconds, connections=connections)
    return run_threads(base_url, access_key, seconds=seconds, connections=connections)


def summarise(raw: dict, *, rows_added: int, cpu: dict | None = None) -> dict:
    statuses = raw["statuses"]
    accepted = statuses.get(201, 0)
    elapsed = raw["elapsed"]
    result = {
        "driver": raw["driver"],
        "seconds": round(elapsed, 1),
        "accepted": accepted,
        "accepted_per_second": round(accepted / elapsed, 1) if elapsed else 0,
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
        "server_errors": sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500),
        "rows_added": rows_added,
        # An accepted answer without its row would be lost; rows beyond the accepted ones are
        # requests committed while the driver was stopping (their answers were not read).
        "lost": max(0, accepted - rows_added),
        "committed_unread": max(0, rows_added - accepted),
        **({"latency": raw["latency"]} if raw.get("latency") else {}),
    }
    if cpu is not None and accepted:
        result["server_cpu_s"] = {k: round(v, 1) for k, v in cpu.items()}
        result["cpu_ms_per_response"] = round(1000 * sum(cpu.values()) / accepted, 2)
        for part in ("web", "worker", "database"):
            if part in cpu:
                result[f"{part}_cpu_ms_per_response"] = round(1000 * cpu[part] / accepted, 2)
        result["predicted_per_second_2_cores"] = round(2 * accepted / sum(cpu.values()))
    return result


def against_new_server(
    survey, *, seconds: float = 60, connections: int = 32, driver: str = "auto", **server
) -> dict:
    """The whole test on `survey`'s first channel: start `gonghui serve`, drive it, stop it,
    count the rows added and fold them; the figures of `summarise`."""
    from . import services
    from .selectors import count_responses

    key = survey.channels.order_by("sort_order", "pk").first().access_key
    before = count_responses(survey)
    with running_server(**server) as (base, pid):
        fetch_form(base, key)
        start, db_start = server_cpu(pid), database_cpu()
        raw = drive(base, key, seconds=seconds, connections=connections, driver=driver)
        end, db_end = server_cpu(pid), database_cpu()
    cpu = {part: end.get(part, 0) - start.get(part, 0) for part in end}
    if db_end:
        cpu["database"] = sum(t - db_start.get(p, 0) for p, t in db_end.items())
    result = summarise(raw, rows_added=count_responses(survey) - before, cpu=cpu)
    result["folded_after"] = services.fold_counts(survey_id=survey.pk)
    return result
