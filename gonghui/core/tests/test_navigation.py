"""Navigation: entries registered by installed apps only, one active entry, the most specific."""

from django.test import RequestFactory
from django.utils import translation

from gonghui.core import navigation as nav
from gonghui.core.context_processors import navigation
from gonghui.core.navigation import NavEntry


def sections(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    with translation.override("zh-hans"):
        return [
            (str(s["title"]), [(str(i["label"]), i["url"], i["active"]) for i in s["items"]])
            for s in navigation(request)["nav_sections"]
        ]


def labels(user, path="/"):
    return [label for _title, items in sections(user, path) for label, _url, _a in items]


def active_labels(user, path):
    return [label for _t, items in sections(user, path) for label, _u, active in items if active]


def test_only_the_longest_matching_entry_is_active(fed):
    assert active_labels(fed.province_admin, "/ledger/meeting/") == ["月度汇报会"]
    assert active_labels(fed.province_admin, "/people/3/") == ["人员"]
    assert active_labels(fed.province_admin, "/") == ["首页"]


def test_the_sidebar_lists_what_the_installed_apps_registered_in_section_order(fed):
    assert sections(fed.sysadmin) == [
        ("工作台", [("首页", "/", True)]),
        ("组织与人员", [("组织机构", "/orgs/", False), ("人员", "/people/", False)]),
        (
            "文明创建",
            [
                ("创建活动与测评体系", "/campaigns/", False),
                ("我的任务", "/campaigns/tasks/", False),
                ("创建台账", "/ledger/", False),
                ("月度汇报会", "/ledger/meeting/", False),
            ],
        ),
        (
            "工会服务",
            [
                ("活动", "/activities/", False),
                ("志愿服务", "/volunteering/", False),
                ("微心愿", "/wishes/", False),
                ("困难职工帮扶", "/assistance/", False),
                ("工会驿站", "/stations/", False),
                ("职工诉求", "/demands/", False),
                ("诉求督办", "/demands/supervision/", False),
                ("12351热线登记", "/demands/hotline/", False),
                ("问卷测评", "/surveys/", False),
                ("线上答题", "/surveys/quizzes/", False),
                ("推优评先", "/honours/", False),
                ("公示", "/notices/", False),
            ],
        ),
        ("统计与报告", [("数据大屏", "/screen/", False), ("报告生成", "/reports/", False)]),
        ("资料导入", [("导入已有报告", "/ingest/", False)]),
        (
            "系统",
            [
                ("审计日志", "/audit/", False),
                ("用户与角色", "/admin/accounts/user/", False),
                ("API 文档", "/api/v1/docs", False),
                ("工作日历", "/notices/calendar/", False),
            ],
        ),
    ]


def test_an_entry_whose_page_does_not_resolve_is_left_out_and_an_empty_section_hidden(
    fed, monkeypatch
):
    class Upcoming:
        navigation = (NavEntry("insight", "帮扶与送温暖", "assistance:index"),)

    # The insight section's own entries left out, so that only the upcoming one could fill it.
    real = [
        (config, tuple(e for e in entries if e.section != "insight"))
        for config, entries in nav.app_attributes("navigation")
    ]
    monkeypatch.setattr(
        nav, "app_attributes", lambda name: [*real, (Upcoming, Upcoming.navigation)]
    )
    shown = sections(fed.sysadmin)
    assert "帮扶与送温暖" not in [label for _t, items in shown for label, _u, _a in items]
    assert "统计与报告" not in [title for title, _items in shown]


def test_staff_entries_are_shown_only_to_staff(fed):
    assert "用户与角色" not in labels(fed.liaison)
    assert "用户与角色" in labels(fed.sysadmin)


def test_an_entry_with_a_permission_is_shown_only_to_its_holders(fed, monkeypatch):
    class Guarded:
        navigation = (
            NavEntry("system", "受限入口", "core:audit", permission="core.view_auditentry"),
        )

    real = list(nav.app_attributes("navigation"))
    monkeypatch.setattr(nav, "app_attributes", lambda name: [*real, (Guarded, Guarded.navigation)])
    assert "受限入口" not in labels(fed.liaison)
    assert "受限入口" in labels(fed.province_admin)  # 创建办管理员 holds core.view_auditentry


def test_an_entry_names_a_known_section():
    try:
        NavEntry("nowhere", "x", "dashboards:home")
    except ValueError:
        return
    raise AssertionError("an unknown section was accepted")
