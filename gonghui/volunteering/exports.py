"""Excel exports of the volunteering lists: each list's own selector and filters."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gonghui.core.privacy import mask_phone
from gonghui.exports.lists import Column, ListExport

from . import selectors

ORGANIZATION = Column(_("所属组织"), "organization.name")

TEAMS = ListExport(
    key="volunteering.teams",
    title=_("志愿服务队"),
    queryset=lambda user, params: selectors.teams_for_user(user).select_related("organization"),
    columns=[
        Column(_("队伍名称"), "name"),
        Column(_("类型"), "get_kind_display"),
        ORGANIZATION,
        Column(_("部门"), "department.name"),
        Column(_("队长"), lambda t: str(t.leader) if t.leader_id else ""),
        Column(_("队员"), "num_members"),
        Column(_("成立日期"), "founded_date"),
        Column(_("有效"), lambda t: gettext("是") if t.is_active else gettext("否")),
    ],
)

VOLUNTEERS = ListExport(
    key="volunteering.volunteers",
    title=_("志愿者"),
    queryset=lambda user, params: selectors.volunteers_for_user(
        user, q=params.get("q", "").strip()
    ).select_related("organization"),
    columns=[
        Column(_("姓名"), "person.name"),
        Column(_("志愿者编号"), "code"),
        Column(_("手机号"), "person.phone", mask=mask_phone),
        ORGANIZATION,
        Column(_("特长"), "skills"),
        Column(_("注册日期"), "registered_date"),
        Column(_("有效"), lambda v: gettext("是") if v.is_active else gettext("否")),
    ],
    sensitive_what=_("手机号"),
)

EVENTS = ListExport(
    key="volunteering.events",
    title=_("志愿服务活动"),
    queryset=lambda user, params: selectors.events_for_user(
        user, status=params.get("status", "")
    ).select_related("organization"),
    columns=[
        Column(_("活动名称"), "title"),
        ORGANIZATION,
        Column(_("服务队"), "team.name"),
        Column(_("开始时间"), "start_at"),
        Column(_("结束时间"), "end_at"),
        Column(_("地点"), "place"),
        Column(_("已报名"), "num_signed"),
        Column(_("招募人数"), "capacity"),
        Column(_("公开报名"), lambda e: gettext("是") if e.is_public else gettext("否")),
        Column(_("状态"), "get_status_display"),
    ],
)

HOURS = ListExport(
    key="volunteering.hours",
    title=_("志愿服务时长"),
    queryset=lambda user, params: selectors.hours_for_user(
        user, status=params.get("status", "")
    ).select_related("organization"),
    columns=[
        Column(_("服务日期"), "service_date"),
        Column(_("志愿者"), "volunteer.person.name"),
        Column(_("志愿者编号"), "volunteer.code"),
        ORGANIZATION,
        Column(_("服务队"), "team.name"),
        Column(_("活动"), "event.title"),
        Column(_("时长（小时）"), "hours"),
        Column(_("服务内容"), "note"),
        Column(_("状态"), "get_status_display"),
        Column(_("审核意见"), "review_comment"),
    ],
)

PAIRINGS = ListExport(
    key="volunteering.pairings",
    title=_("包联社区与结对共建"),
    queryset=lambda user, params: selectors.pairings_for_user(user).select_related("organization"),
    columns=[
        ORGANIZATION,
        Column(_("类型"), "get_kind_display"),
        Column(_("社区"), "community"),
        Column(_("开始日期"), "since_date"),
        Column(_("结束日期"), "until_date"),
        Column(_("下沉干部（人）"), "num_cadres"),
        Column(_("走访次数"), "num_visits"),
        Column(_("联系人"), "contact"),
        Column(_("共建内容"), "note"),
    ],
)

VISITS = ListExport(
    key="volunteering.visits",
    title=_("走访记录"),
    queryset=lambda user, params: selectors.visits_for_user(
        user, kind=params.get("kind", "")
    ).select_related("organization"),
    columns=[
        Column(_("日期"), "visit_date"),
        Column(_("类型"), "get_kind_display"),
        ORGANIZATION,
        Column(_("社区/街道"), "community"),
        Column(_("服务队"), "team.name"),
        Column(_("参加人数"), "num_participants"),
        Column(_("走访户数"), "num_households"),
        Column(_("收集难题"), "num_problems"),
        Column(_("情况记录"), "summary"),
    ],
)

PROBLEMS = ListExport(
    key="volunteering.problems",
    title=_("民生难题"),
    queryset=lambda user, params: selectors.problems_for_user(
        user, status=params.get("status", "")
    ).select_related("organization"),
    columns=[
        Column(_("难题"), "title"),
        ORGANIZATION,
        Column(_("社区/街道"), "community"),
        Column(_("收集日期"), "collected_date"),
        Column(_("承办单位/责任人"), "assignee"),
        Column(_("交办日期"), "assigned_date"),
        Column(_("办理时限"), "deadline"),
        Column(_("解决日期"), "solved_date"),
        Column(_("状态"), "get_status_display"),
        Column(_("解决结果"), "result"),
    ],
)
