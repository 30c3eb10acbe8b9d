"""Notices for tests: a running notice of the 宏达 union with two masked lines."""

from gonghui.notices import services

ENTRIES = [
    {"name": "张建华", "unit": "郑州宏达机械有限公司", "detail": "五一劳动奖章", "ref_id": 11},
    {"name": "欧阳明月", "unit": "郑州宏达机械有限公司", "detail": "工人先锋号", "ref_id": 12},
]


def make_notice(fed, *, org=None, by=None, entries=None, **extra):
    return services.open_notice(
        by=by or fed.province_admin,
        organization=org or fed.grassroots,
        title=extra.pop("title", "2026年五一劳动奖拟推荐对象公示"),
        intro=extra.pop("intro", "现将拟推荐对象予以公示。"),
        entries=ENTRIES if entries is None else entries,
        contact=extra.pop("contact", "基层工作部 0371-12345678"),
        **extra,
    )
