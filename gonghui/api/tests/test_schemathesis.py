"""Schemathesis against the published OpenAPI, through the WSGI app, as a signed-in token user on
a demo-like world: no request may end in a server error, and every answer must match the status
codes and the schema the OpenAPI documents.

Two phases per operation: schemathesis' coverage cases (boundary and out-of-range values of every
parameter and field: huge and negative numbers, empty and over-long strings, wrong types, missing
fields — deterministic) and generated cases (positive and negative data, derandomized).
In the suite an evenly spread sample of the coverage cases keeps the run under a minute;
`make fuzz` sends all of them and many more generated cases (GONGHUI_FUZZ_COVERAGE=0,
GONGHUI_FUZZ_EXAMPLES). The summary of what was sent and answered is printed (pytest -s)."""

import collections
import os
import time

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from gonghui.accounts.models import ApiToken

from .world import build_world

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("GONGHUI_FUZZ_EXAMPLES", "2"))
COVERAGE = int(os.environ.get("GONGHUI_FUZZ_COVERAGE", "8"))  # per operation and mode; 0: all
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


@pytest.fixture
def wsgi_requests_keep_the_test_transaction():
    """The WSGI handler closes the database connection after each request (Django's test client
    avoids that the same way); the test's transaction must survive every request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


class Run:
    def __init__(self, headers):
        self.headers = headers
        self.sent = collections.Counter()
        self.answers = collections.Counter()
        self.failures = collections.defaultdict(set)

    def check(self, label, case):
        response = case.call(headers=self.headers)
        self.sent[label] += 1
        self.answers[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # FailureGroup: one per failed check
            for failure in getattr(exc, "exceptions", [exc]):
                title = getattr(failure, "title", type(failure).__name__)
                message = " ".join(str(getattr(failure, "message", failure)).split())[:300]
                where = f"{case.method} {case.formatted_path} query={case.query}"
                self.failures[label].add(f"{title}: {message} [{where}]")


def _spread(cases: list, limit: int) -> list:
    """`limit` cases taken evenly across the list (all of them when limit is 0)."""
    if not limit or len(cases) <= limit:
        return cases
    step = len(cases) / limit
    return [cases[int(i * step)] for i in range(limit)]


def _fuzz(run, label, operation, mode):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case):
        run.check(label, case)

    try:
        fuzz()
    except Exception as exc:  # e.g. a schema no value satisfies: reported, not hidden
        if type(exc).__name__ != "Unsatisfiable":
            run.failures[label].add(f"generation: {type(exc).__name__}: {exc}"[:300])


def test_api_answers_every_generated_request_without_a_server_error(
    fed, settings, tmp_path, wsgi_requests_keep_the_test_transaction
):
    settings.MEDIA_ROOT = tmp_path
    build_world(fed)
    _token, key = ApiToken.generate(user=fed.province_admin, name="fuzz")
    run = Run({"Authorization": f"Bearer {key}"})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        config = schema.config.generation_for(operation=operation)
        for mode in MODES:
            cases = list(
                schema.iter_coverage_cases(
                    operation, generation_modes=[mode], generation_config=config
                )
            )
            for case in _spread(cases, COVERAGE):
                run.check(operation.label, case)
            _fuzz(run, operation.label, operation, mode)
    elapsed = time.monotonic() - started

    print(
        f"\nschemathesis: {sum(run.sent.values())} requests to {len(operations)} operations "
        f"in {elapsed:.0f}s; answers {dict(sorted(run.answers.items()))}"
    )
    for label, failures in run.failures.items():
        print(f"  {label}:\n    " + "\n    ".join(sorted(failures)))
    assert len(operations) >= 50
    assert all(run.sent[op.label] for op in operations)
    assert 500 not in run.answers
    assert not run.failures
