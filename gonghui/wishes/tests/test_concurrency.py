"""Simultaneous claims of one wish over real HTTP: exactly one wins, the rest are told so.

Runs against whichever database the suite uses (SQLite by default; PostgreSQL with
DATABASE_URL), each request on its own server thread and database connection.
"""

import concurrent.futures
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from gonghui.wishes.models import Wish, WishTransition
from gonghui.wishes.workflow import Status

from .factories import make_wish

CSRF = "concurrencytestcsrftoken12345678"  # any 32 alphanumerics; sent as cookie and field


def post_claim(url: str, n: int, barrier: threading.Barrier) -> tuple[int, str]:
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": CSRF,
            "kind": "public",
            "name": f"爱心人士{n}",
            "phone": f"1370000{n:04d}",
        }
    ).encode()
    request = urllib.request.Request(
        url, data=data, headers={"Cookie": f"csrftoken={CSRF}", "Referer": url}
    )
    barrier.wait()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def no_redirects():
    opener = urllib.request.build_opener(NoRedirect)
    urllib.request.install_opener(opener)
    yield
    urllib.request.install_opener(urllib.request.build_opener())


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempts", [2, 12])
def test_simultaneous_claims_exactly_one_wins(fed, live_server, settings, no_redirects, attempts):
    settings.GONGHUI_WISH_CLAIMS_PER_IP = 1000
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    url = f"{live_server.url}/public/wishes/{wish.pk}/"
    barrier = threading.Barrier(attempts)
    with concurrent.futures.ThreadPoolExecutor(attempts) as pool:
        results = list(pool.map(lambda n: post_claim(url, n, barrier), range(attempts)))
    codes = sorted(code for code, _ in results)
    assert codes.count(302) == 1, codes
    assert codes.count(409) == attempts - 1, codes
    losers = [body for code, body in results if code == 409]
    assert all("刚刚被其他爱心人士认领" in body for body in losers)
    wish.refresh_from_db()
    assert wish.status == Status.CLAIMED
    assert WishTransition.objects.filter(wish=wish, verb="claim").count() == 1
    assert Wish.objects.filter(status=Status.CLAIMED).count() == 1
