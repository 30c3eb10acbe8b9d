"""The survey and quiz lists' Excel exports, from the list pages' own filters."""

from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import STATUS, Column, ListExport

from . import selectors

SURVEYS = ListExport(
    key="surveys.surveys",
    title=_("问卷测评"),
    queryset=lambda user, params: selectors.surveys_for_user(user, q=params.get("q", "")),
    columns=[
        Column(_("问卷名称"), "title"),
        Column(_("主办组织"), "organization.name"),
        Column(_("版本"), "version"),
        STATUS,
        Column(_("创建时间"), "created_at"),
    ],
)

QUIZZES = ListExport(
    key="surveys.quizzes",
    title=_("线上答题"),
    queryset=lambda user, params: selectors.quizzes_for_user(user),
    columns=[
        Column(_("答题活动"), "title"),
        Column(_("主办组织"), "organization.name"),
        STATUS,
        Column(_("浏览量"), "num_views"),
        Column(_("参与人次"), "num_attempts"),
    ],
)
