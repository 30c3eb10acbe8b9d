"""Permissions the standard roles hold on surveys and quizzes (merged by accounts.roles)."""

_RUN = [
    "surveys.view_survey",
    "surveys.add_survey",
    "surveys.change_survey",
    "surveys.enter_paper_response",
    "surveys.manage_rectification",
]

ROLE_PERMISSIONS = {
    "campaign_admin": _RUN,
    "grassroots_admin": _RUN,
    "leader": ["surveys.view_survey"],
    "liaison": ["surveys.view_survey"],
    # 录入员: keys in and imports paper questionnaires, nothing else.
    "data_entry": ["surveys.view_survey", "surveys.enter_paper_response"],
}
