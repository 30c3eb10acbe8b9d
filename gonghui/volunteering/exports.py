"""Excel exports of the volunteering lists: each list's own selector and filters."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.privacy import mask_phone
from gonghui.exports.lists import KIND, STATUS, Column, ListExport, yes_no

from . import selectors

ORGANIZATION = Column(_("所属组织"), "organization.name")


def scoped_rows(selector, param=""):
    """The list page's own rows: `selector(user)`, narrowed by its one query parameter."""

    def rows(user, params):
        narrowed = {param: params.get(param, "").strip()} if param else {}
        return selector(user, **narrowed).select_related("organization")

    return rows


TEAMS = ListExport(
    key="volunteering.teams",
    title=_("志愿服务队"),
    queryset=scoped_rows(selectors.teams_for_user),
    columns=[
        Column(_("队伍名称"), "name"),
        KIND,
        ORGANIZATION,
        Column(_("部门"), "department.name"),
        Column(_("队长"), lambda t: str(t.leader) if t.leader_id else ""),
        Column(_("队员"), "num_members"),
        Column(_("成立日期"), "founded_date"),
        Column(_("有效"), yes_no("is_active")),
    ],
)

VOLUNTEERS = ListExport(
    key="volunteering.volunteers",
    title=_("志愿者"),
    queryset=scoped_rows(selectors.volunteers_for_user, "q"),
    columns=[
        Column(_("姓名"), "person.name"),
        Column(_("志愿者编号"), "code"),
        Column(_("手机号"), "person.phone", mask=mask_phone),
        ORGANIZATION,
        Column(_("特长"), "skills"),
        Column(_("注册日期"), "registered_date"),
        Column(_("有效"), yes_no("is_active")),
    ],
    sensitive_what=_("手机号"),
)

EVENTS = ListExport(
    key="volunteering.events",
    title=_("志愿服务活动"),
    queryset=scoped_rows(selectors.events_for_user, "status"),
    columns=[
        Column(_("活动名称"), "title"),
        ORGANIZATION,
        Column(_("服务队"), "team.name"),
        Column(_("开始时间"), "start_at"),
        Column(_("结束时间"), "end_at"),
        Column(_("地点"), "place"),
        Column(_("已报名"), "num_signed"),
        Column(_("招募人数"), "capacity"),
        Column(_("公开报名"), yes_no("is_public")),
        STATUS,
    ],
)

HOURS = ListExport(
    key="volunteering.hours",
    title=_("志愿服务时长"),
    queryset=scoped_rows(selectors.hours_for_user, "status"),
    columns=[
        Column(_("服务日期"), "service_date"),
        Column(_("志愿者"), "volunteer.person.name"),
        Column(_("志愿者编号"), "volunteer.code"),
        ORGANIZATION,
        Column(_("服务队"), "team.name"),
        Column(_("活动"), "event.title"),
        Column(_("时长（小时）"), "hours"),
        Column(_("服务内容"), "note"),
        STATUS,
        Column(_("审核意见"), "review_comment"),
    ],
)

PAIRINGS = ListExport(
    key="volunteering.pairings",
    title=_("包联社区与结对共建"),
    queryset=scoped_rows(selectors.pairings_for_user),
    columns=[
        ORGANIZATION,
        KIND,
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
    queryset=scoped_rows(selectors.visits_for_user, "kind"),
    columns=[
        Column(_("日期"), "visit_date"),
        KIND,
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
    queryset=scoped_rows(selectors.problems_for_user, "status"),
    columns=[
        Column(_("难题"), "title"),
        ORGANIZATION,
        Column(_("社区/街道"), "community"),
        Column(_("收集日期"), "collected_date"),
        Column(_("承办单位/责任人"), "assignee"),
        Column(_("交办日期"), "assigned_date"),
        Column(_("办理时限"), "deadline"),
        Column(_("解决日期"), "solved_date"),
        STATUS,
        Column(_("解决结果"), "result"),
    ],
)
