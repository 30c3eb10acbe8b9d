"""BenchContext.pages: one timed GET case per declared page."""

from gonghui.core.bench import BenchContext


def test_each_page_becomes_a_case_fetched_as_its_persona():
    ctx = BenchContext()
    ctx.get = lambda user, url: (user, url)
    cases = ctx.pages("province", 150, {"列表": "/a/", "本人范围": ("city", "/b/")})
    asked = [(c.name, c.run, c.target_p95_ms) for c in cases]
    assert asked == [("列表", ("province", "/a/"), 150), ("本人范围", ("city", "/b/"), 150)]
