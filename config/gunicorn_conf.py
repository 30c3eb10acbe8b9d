"""gunicorn settings for `gonghui serve` and the web service of a deployment (docs/deploy.md).

Loaded with `gunicorn -c python:config.gunicorn_conf config.wsgi`; sizes come from the
environment, command-line options (such as `--bind`) override them.
"""

import os

from config.settings.env import env_bool, env_int, env_list, env_str


def default_workers(cores: int | None = None) -> int:
    """One process per core plus one: a page costs 15-20 ms of CPU, mostly template rendering,
    so processes (not threads, which share one interpreter lock) are what add throughput."""
    cores = cores or os.cpu_count() or 1
    return max(2, min(cores + 1, 9))


bind = env_list("GONGHUI_WEB_BIND", "127.0.0.1:8000")
workers = env_int("GONGHUI_WEB_WORKERS", default_workers())
# A few threads per process overlap the time a request waits on the database or the disk.
threads = env_int("GONGHUI_WEB_THREADS", 4)
worker_class = "gthread"
# A request running longer than this is killed; large exports run as background tasks, so no
# ordinary page comes near it. Keep nginx's proxy_read_timeout a little above it.
timeout = env_int("GONGHUI_WEB_TIMEOUT", 60)
graceful_timeout = min(timeout, 30)
# Each process accepts only the connections it has threads for, and closes a connection after
# its response: the connections waiting beyond that stay in the kernel's queue, where whichever
# process frees a thread first takes the next one. With gunicorn's defaults (1 000 connections
# a process, kept alive 5 s) one process accepted 45 of wrk's 50 kept-alive connections and
# served them on its four threads while the other two idled, which set the people list's p95
# under load. Behind nginx this costs nothing (nginx opens a connection to the site per request,
# docs/deploy.md); a client talking to gunicorn directly reconnects per request.
worker_connections = env_int("GONGHUI_WEB_CONNECTIONS", threads)
keepalive = env_int("GONGHUI_WEB_KEEPALIVE", 0)
# Recycle a process after this many requests (with jitter so they do not all restart at once):
# it bounds the memory a long-running process can accumulate. A new process spends about a
# second of CPU loading the site, and the requests queued behind it wait that long: at 2 000
# the people list under load (300 requests/s) restarted a process every few seconds and its p95
# tripled (462 ms against 255 ms at 50 000), so recycling is rare.
max_requests = env_int("GONGHUI_WEB_MAX_REQUESTS", 50_000)
max_requests_jitter = max_requests // 10
# Only the local reverse proxy may say which scheme and client address a request came from.
forwarded_allow_ips = env_str("GONGHUI_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
if os.path.isdir("/dev/shm"):
    # Worker heartbeats are file writes; on tmpfs they never block on a slow disk.
    worker_tmp_dir = "/dev/shm"

errorlog = "-"
loglevel = env_str("GONGHUI_LOG_LEVEL", "INFO").lower()
if env_bool("GONGHUI_LOG_JSON", False):
    # Django logs every request itself as a JSON line with its request id
    # (core.logs.RequestIdMiddleware); a second, plain-text access log would only be noise.
    accesslog = None
else:
    accesslog = "-"
    access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
proc_name = "gonghui-web"
# gunicorn's control socket sits at one fixed path in the home directory, which two sites on
# one machine (or two test servers) would fight over; systemd and signals do its job here.
control_socket_disable = True
