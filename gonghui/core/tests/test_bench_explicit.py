"""A bench case marked explicit (a load test) runs only when --only names it."""

from gonghui.core import bench
from gonghui.core.bench import BenchContext, Case, discover_cases


class FakeConfig:
    label = "fake"


class FakeModule:
    @staticmethod
    def cases(ctx):
        return [
            Case("页面 A", lambda: None),
            Case("loadtest 页面 A", lambda: None, explicit=True),
        ]


def names(monkeypatch, only):
    monkeypatch.setattr(bench, "app_modules", lambda name: [(FakeConfig, FakeModule)])
    return [case.name for case in discover_cases(BenchContext(repeat=1), only)]


def test_explicit_cases_run_only_when_named(monkeypatch):
    assert names(monkeypatch, None) == ["页面 A"]
    assert names(monkeypatch, "loadtest") == ["loadtest 页面 A"]
    assert names(monkeypatch, "页面") == ["页面 A", "loadtest 页面 A"]


def test_a_self_timed_case_reports_its_own_result():
    result = bench.Result("x", 10, 1.0, 2.0, 3.0, None, True)
    ran = []
    case = Case("x", lambda: ran.append(1), explicit=True, result=lambda: result)
    assert bench.measure(case, repeat=30) is result and ran == [1]
