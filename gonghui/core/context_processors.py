"""Navigation for every capability, with the user's organisation and role."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (section, [(label, url name)]) — an entry whose page does not exist yet shows 建设中.
NAVIGATION = [
    (_("工作台"), [(_("首页"), "core:home")]),
    (
        _("组织与人员"),
        [(_("组织机构"), "organizations:tree"), (_("人员"), "people:list")],
    ),
    (
        _("文明创建"),
        [
            (_("创建活动与测评体系"), "campaigns:list"),
            (_("我的任务"), "campaigns:my_tasks"),
            (_("创建台账"), "ledger:index"),
            (_("月度汇报会"), "ledger:meeting"),
        ],
    ),
    (
        _("工会服务"),
        [
            (_("活动"), "activities:list"),
            (_("志愿服务"), "volunteering:index"),
            (_("微心愿"), "wishes:list"),
            (_("帮扶与送温暖"), "assistance:index"),
            (_("推优评先"), "honours:index"),
            (_("问卷与答题"), "surveys:index"),
            (_("职工诉求"), "demands:index"),
            (_("工会驿站"), "stations:index"),
        ],
    ),
    (
        _("统计与报告"),
        [(_("数据看板"), "dashboards:index"), (_("报告生成"), "reports:index")],
    ),
    (
        _("资料导入"),
        [(_("导入已有报告"), "ingest:index")],
    ),
    (
        _("系统"),
        [
            (_("审计日志"), "core:audit"),
            (_("用户与角色"), "admin:accounts_user_changelist"),
            (_("API 文档"), "api-1.0.0:openapi-view"),
        ],
    ),
]


# Entries shown only to users who can use them.
STAFF_ONLY = {"admin:accounts_user_changelist"}


def _resolve(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    sections = []
    for title, entries in NAVIGATION:
        items = [
            {"label": label, "url": _resolve(name), "active": False}
            for label, name in entries
            if name not in STAFF_ONLY or request.user.is_staff
        ]
        sections.append({"title": title, "items": items})
    # The entry with the longest URL that prefixes the current path is the active one, so
    # /ledger/meeting/ lights up 月度汇报会 and not 创建台账 (/ledger/) as well.
    candidates = [
        item
        for section in sections
        for item in section["items"]
        if item["url"]
        and request.path.startswith(item["url"])
        and (item["url"] != "/" or request.path == "/")
    ]
    if candidates:
        max(candidates, key=lambda item: len(item["url"]))["active"] = True
    user = request.user
    return {
        "nav_sections": sections,
        "current_org": user.organization if user.organization_id else None,
        "current_role": user.role if user.role_id else None,
    }
