"""The notices' routes and victim records for the IDOR matrix (api/tests/test_idor_matrix.py)."""

import datetime as dt

from gonghui.api.tests.world import MARK, VICTIM_PHONE

BY_NAME = {"notice_id": "notice", "objection_id": "objection", "day_id": "calendar_day"}
PUBLIC_PAGES = {
    "notices:public_index": "the public list of running notices (masked names only)",
    "notices:public": "a running or ended notice: masked names, unit and award, nothing else",
    "notices:public_print": "the printable notice for a notice board, same public fields",
}
PUBLIC_OPERATIONS = {
    "GET /api/v1/notices/public/{notice_id}": "a running or ended notice, public fields only",
    "POST /api/v1/notices/public/{notice_id}/objections": "anyone may object during the period",
}


def build(world):
    from gonghui.core.models import CalendarDay
    from gonghui.notices import services

    fed = world.fed
    notice = services.open_notice(
        by=fed.province_admin,
        organization=fed.grassroots,
        title=f"{MARK}拟推荐对象公示",
        entries=[{"name": "王绝密", "unit": f"{MARK}单位", "detail": "五一劳动奖章"}],
    )
    world.ids["notice"] = notice.pk
    world.ids["calendar_day"] = CalendarDay.objects.create(
        date=dt.date(2031, 1, 1), is_working_day=False, name="元旦"
    ).pk
    world.ids["objection"] = services.lodge_objection(
        notice=notice, name="王异议", phone=VICTIM_PHONE, content=f"{MARK}异议内容"
    ).pk
