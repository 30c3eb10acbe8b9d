"""Benchmark cases: the public wish board at 100 000 wishes, and a burst of 200 simultaneous
claims on 50 wishes against a real threaded server (no lost or doubled claim, no 5xx)."""

import concurrent.futures
import datetime as dt
import json
import random
import threading
import urllib.error
import urllib.request
from collections import Counter

from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer, get_internal_wsgi_application
from django.db.models import Count
from django.test import override_settings
from django.test.testcases import QuietWSGIRequestHandler
from django.utils import timezone

from gonghui.core.bench import Case, settle_after_bulk_load
from gonghui.organizations.models import Organization

from .demo import WISHES
from .models import Wish, WishTransition
from .workflow import Status

BOARD_WISHES = 100_000
BENCH_MARK = "规模测试心愿"
CLAIM_WISHES = 50
CLAIM_ATTEMPTS = 200


def ensure_board_wishes(total: int = BOARD_WISHES) -> None:
    """Bulk-create wishes until the board holds `total` (60 % open, the rest claimed)."""
    missing = total - Wish.objects.filter(description=BENCH_MARK).count()
    if missing <= 0:
        return
    orgs = list(
        Organization.objects.filter(kind=Organization.Kind.GRASSROOTS).order_by("pk")[:2000]
    ) or list(Organization.objects.order_by("pk")[:1])
    rng = random.Random(100_000)
    start = timezone.now() - dt.timedelta(days=365)
    batch = []
    for n in range(missing):
        org = orgs[n % len(orgs)]
        category, band, title, _ = rng.choice(WISHES)
        published = start + dt.timedelta(minutes=n * 5)
        is_open = rng.random() < 0.6
        batch.append(
            Wish(
                organization=org,
                org_path=org.path,
                title=title,
                description=BENCH_MARK,
                category=category,
                amount_band=band,
                status=Status.PUBLISHED if is_open else Status.CLAIMED,
                worker_name="规模测试",
                collected_date=published.date(),
                published_at=published,
                expires_at=timezone.now() + dt.timedelta(days=3650),
                claimed_at=None if is_open else published + dt.timedelta(days=1),
                claimant_kind="" if is_open else Wish.ClaimantKind.PUBLIC,
                claimant_name="" if is_open else "规模测试",
            )
        )
        if len(batch) == 5000:
            Wish.objects.bulk_create(batch)
            batch = []
    Wish.objects.bulk_create(batch)
    settle_after_bulk_load([Wish])


class _Server(ThreadedWSGIServer):
    request_queue_size = 512  # the whole burst connects at once


class ClaimBurst:
    """Start a threaded WSGI server, send CLAIM_ATTEMPTS claims on CLAIM_WISHES fresh wishes
    at once through the public API, and check the database afterwards."""

    def __init__(self):
        self.figures: dict = {}

    def _fresh_wishes(self) -> list[int]:
        org = Organization.objects.filter(kind=Organization.Kind.GRASSROOTS).first()
        org = org or Organization.objects.first()
        now = timezone.now()
        wishes = Wish.objects.bulk_create(
            Wish(
                organization=org,
                org_path=org.path,
                title=f"并发认领测试{n}",
                description=BENCH_MARK,
                category=Wish.Category.OTHER,
                amount_band=Wish.AmountBand.UP_TO_100,
                status=Status.PUBLISHED,
                worker_name="规模测试",
                collected_date=now.date(),
                published_at=now,
                expires_at=now + dt.timedelta(days=90),
            )
            for n in range(CLAIM_WISHES)
        )
        return [w.pk for w in wishes]

    def run(self) -> None:
        ids = self._fresh_wishes()
        server = _Server(("127.0.0.1", 0), QuietWSGIRequestHandler)
        server.set_app(get_internal_wsgi_application())
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        hosts = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
        with override_settings(GONGHUI_WISH_CLAIMS_PER_IP=10**6, ALLOWED_HOSTS=hosts):
            thread.start()
            try:
                results = self._burst(f"http://127.0.0.1:{server.server_address[1]}", ids)
            finally:
                server.shutdown()
                server.server_close()
        self.figures = self._check(ids, results)

    def _burst(self, base: str, ids: list[int]) -> list[tuple[int, int, str]]:
        barrier = threading.Barrier(CLAIM_ATTEMPTS)

        def attempt(n: int):
            wish_id = ids[n % len(ids)]
            name = f"爱心{n:03d}"
            body = json.dumps({"name": name, "phone": f"1370000{n:04d}"}).encode()
            request = urllib.request.Request(
                f"{base}/api/v1/public/wishes/{wish_id}/claim",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            barrier.wait()
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    return wish_id, response.status, name
            except urllib.error.HTTPError as exc:
                return wish_id, exc.code, name
            except OSError:
                return wish_id, 0, name

        with concurrent.futures.ThreadPoolExecutor(CLAIM_ATTEMPTS) as pool:
            return list(pool.map(attempt, range(CLAIM_ATTEMPTS)))

    def _check(self, ids, results) -> dict:
        codes = Counter(code for _, code, _ in results)
        winners = {wish_id: name for wish_id, code, name in results if code == 201}
        wins_per_wish = Counter(wish_id for wish_id, code, _ in results if code == 201)
        claims = dict(
            WishTransition.objects.filter(wish_id__in=ids, verb="claim")
            .values_list("wish_id")
            .annotate(n=Count("pk"))
        )
        stored = dict(Wish.objects.filter(pk__in=ids).values_list("pk", "claimant_name"))
        lost = sum(1 for wish_id, name in winners.items() if stored.get(wish_id) != name)
        unclaimed = sum(1 for wish_id in ids if not claims.get(wish_id))
        doubled = sum(1 for wish_id in ids if claims.get(wish_id, 0) > 1) + sum(
            1 for n in wins_per_wish.values() if n > 1
        )
        return {
            "attempts": len(results),
            "wishes": len(ids),
            "claimed (201)": codes.get(201, 0),
            "told already claimed (409)": codes.get(409, 0),
            "5xx": sum(n for code, n in codes.items() if code >= 500),
            "other": sum(n for code, n in codes.items() if code not in (201, 409) and code < 500),
            "lost claims": lost,
            "doubled claims": doubled,
            "wishes left unclaimed": unclaimed,
        }


def cases(ctx) -> list[Case]:
    ensure_board_wishes()
    burst = ClaimBurst()
    return [
        Case("公众心愿墙：10 万个心愿（等待认领，第 1 页）", ctx.get(None, "/public/wishes/"), 100),
        Case(
            "公众心愿墙：已认领 + 类别筛选，第 5 页",
            ctx.get(None, "/public/wishes/?tab=claimed&category=study&page=5"),
            100,
        ),
        Case("公众接口：心愿墙第 1 页", ctx.get(None, "/api/v1/public/wishes"), 100),
        Case(
            "并发认领：200 次同时认领 50 个心愿（真实服务器）",
            burst.run,
            repeat=1,
            warmup=0,
            extra=lambda: burst.figures,
        ),
    ]
