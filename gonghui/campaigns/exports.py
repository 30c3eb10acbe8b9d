"""Excel exports of the campaign list and of the person's own tasks."""

from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import KIND, STATUS, Column, ListExport, yes_no

from . import selectors

CAMPAIGNS = ListExport(
    key="campaigns.campaigns",
    title=_("创建活动"),
    queryset=lambda user, params: selectors.campaigns_for_user(user),
    columns=[
        Column(_("名称"), "name"),
        KIND,
        Column(_("年度"), "year"),
        Column(_("主办组织"), "organization.name"),
        Column(_("测评体系"), "framework_name"),
        Column(_("启动日期"), "start_date"),
        Column(_("测评日期"), "assessment_date"),
        STATUS,
    ],
)

MY_TASKS = ListExport(
    key="campaigns.my_tasks",
    title=_("我的任务"),
    queryset=lambda user, params: selectors.my_tasks(user),
    columns=[
        Column(_("创建活动"), "campaign.name"),
        Column(_("指标编号"), "indicator.code"),
        Column(_("指标"), "indicator.name"),
        Column(_("责任单位"), "unit_name"),
        Column(_("联络员"), lambda a: str(a.liaison) if a.liaison_id else ""),
        Column(_("完成时限"), "deadline"),
        Column(_("进度"), "get_status_display"),
        Column(_("资料齐全"), yes_no("is_complete")),
        Column(_("缺少"), "missing"),
        Column(_("文件数"), "num_files"),
    ],
)
