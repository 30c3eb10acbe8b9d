"""Benchmark cases for people lists and search at 1 000 000 people."""

from gonghui.core.bench import Case
from gonghui.core.loadtest import load_test_case
from gonghui.organizations.selectors import scale_landmarks

TARGET_MS = 150
SHORT_SEARCH_TARGET_MS = 100


def cases(ctx) -> list[Case]:
    return _page_cases(ctx) + _load_tests() if scale_landmarks() else []


def _load_tests() -> list[Case]:
    """The list against the production server (`gonghui bench --only loadtest`)."""
    return [
        load_test_case(
            "loadtest 人员列表 c=10：≥ 200 请求/秒",
            "/people/",
            username="bench_province",
            connections=10,
            min_requests_per_second=200,
        ),
        load_test_case(
            "loadtest 人员列表 c=50：p95 ≤ 300 ms",
            "/people/",
            username="bench_province",
            connections=50,
            target_p95_ms=300,
        ),
    ]


def _page_cases(ctx) -> list[Case]:
    tree = scale_landmarks()
    if tree is None:
        return []
    city, county = tree.city.pk, tree.county.pk
    return ctx.pages(
        "bench_province",
        TARGET_MS,
        {
            "人员列表：全省（100 万人，第 1 页）": "/people/",
            "人员列表：全省第 50 页": "/people/?page=50",
            "人员列表：市级子树 + 志愿者筛选，第 3 页": f"/people/?org={city}&tag=volunteer&page=3",
            "人员列表：区级子树 + 性别筛选": f"/people/?org={county}&gender=F",
            "人员列表：市级管理员本人范围": ("bench_city", "/people/"),
            "人员查找：姓名前缀“张建”": "/people/?q=张建",
            "人员查找：拼音首字母 zjh": "/people/?q=zjh",
            "人员查找：手机尾号": "/people/?q=1234",
            "人员查找：市级子树内拼音 wf": f"/people/?org={city}&q=wf",
            "API 人员查找 zjh": "/api/v1/people/?q=zjh",
        },
    ) + ctx.pages(
        "bench_province",
        SHORT_SEARCH_TARGET_MS,
        {
            "人员短查找：一个拼音字母 z": "/people/?q=z",
            "人员短查找：一个拼音字母 w，第 20 页": "/people/?q=w&page=20",
            "人员短查找：常见姓氏“王”": "/people/?q=王",
            "人员短查找：姓氏“张”+ 市级子树": f"/people/?org={city}&q=张",
            "人员短查找：手机尾号 3 位": "/people/?q=123",
            "人员短查找：手机尾号 4 位": "/people/?q=5678",
            "人员短查找：两个拼音字母 zj": "/people/?q=zj",
            "人员短查找：市级管理员 z": ("bench_city", "/people/?q=z"),
            "API 人员短查找 w": "/api/v1/people/?q=w",
        },
    )
