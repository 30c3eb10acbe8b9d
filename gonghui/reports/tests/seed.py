"""A small copy of seed 000's month on the test federation: the May 2020 meeting of the 河南
agency, the departments' activities with the seed's figures, and 微心愿 totals 2645 / 1429 /
84 as of 26 May 2020."""

import datetime as dt

from django.utils import timezone

from gonghui.activities.tests.factories import make_activity
from gonghui.campaigns import services as campaign_services
from gonghui.campaigns.tests.factories import indicator, make_campaign
from gonghui.ledger import services as ledger_services
from gonghui.testing import make_department
from gonghui.wishes.models import Wish
from gonghui.wishes.workflow import Status

MEETING = dt.date(2020, 5, 26)
PUBLISHED, CLAIMED, BY_AGENCY = 2645, 1429, 84


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), timezone.get_current_timezone())


def wishes(fed) -> None:
    rows = []
    for n in range(PUBLISHED):
        claimed = n < CLAIMED
        kind = ""
        if claimed:
            kind = Wish.ClaimantKind.AGENCY_STAFF if n < BY_AGENCY else Wish.ClaimantKind.PUBLIC
        rows.append(
            Wish(
                organization=fed.grassroots,
                org_path=fed.grassroots.path,
                title=f"一套学习桌椅{n}",
                category=Wish.Category.STUDY,
                amount_band=Wish.AmountBand.UP_TO_300,
                status=Status.CLAIMED if claimed else Status.PUBLISHED,
                worker_name="王秀英",
                collected_date=dt.date(2020, 1, 5),
                vetted_at=_moment(dt.date(2020, 1, 6)),
                published_at=_moment(dt.date(2020, 1, 6) + dt.timedelta(days=n % 130)),
                claimed_at=_moment(dt.date(2020, 5, 20)) if claimed else None,
                claimant_kind=kind,
                claimant_name="李爱心" if claimed else "",
                claimant_organization=fed.henan if kind == Wish.ClaimantKind.AGENCY_STAFF else None,
            )
        )
    Wish.objects.bulk_create(rows, batch_size=1000)


def may_2020(fed):
    """The campaign, the reports of the meeting and the month's activities."""
    women = make_department(fed.henan, "女职工部")
    campaign = make_campaign(fed)
    units = [fed.basic_work_dept, women, fed.publicity_dept]
    campaign_services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01.01")],
        departments=units,
        deadline=dt.date(2020, 6, 30),
    )
    summaries = {
        fed.basic_work_dept: "组织开展爱心捐书志愿服务活动。",
        women: "组织开展省总机关第三届春季运动会。",
        fed.publicity_dept: "在全省组织开展职工歌手大赛。",
    }
    for dept, summary in summaries.items():
        report = ledger_services.save_monthly_report(
            by=fed.province_admin,
            campaign=campaign,
            organization=fed.henan,
            department=dept,
            period="2020-05",
            summary=summary,
        )
        ledger_services.submit_monthly_report(by=fed.province_admin, report=report)
    make_activity(
        fed.province_admin,
        organization=fed.henan,
        department=fed.basic_work_dept,
        type_code="volunteer",
        title="“书本传递爱心 知识点亮希望”爱心捐书志愿服务活动",
        start=dt.date(2020, 5, 15),
        money_fen=588000,
        items=672,
        items_unit="本",
    )
    make_activity(
        fed.province_admin,
        organization=fed.henan,
        department=women,
        type_code="sports",
        title="省总机关第三届春季运动会",
        start=dt.date(2020, 5, 21),
        sessions=7,
        attendances=422,
    )
    make_activity(
        fed.province_admin,
        organization=fed.henan,
        department=fed.publicity_dept,
        type_code="online_quiz",
        title="社会主义核心价值观线上答题活动",
        start=dt.date(2020, 5, 6),
        reach=24380,
        attendances=7207,
    )
    wishes(fed)
    return campaign


def news_parameters(campaign) -> dict:
    return {
        "campaign_id": campaign.pk,
        "period": "2020-05",
        "meeting_date": MEETING.isoformat(),
        "chair": "省总党组书记、常务副主席寇武江",
        "attendees": "副主席、党组成员黄建中",
        "requirements": "会上，寇武江对各部门提交的创建资料逐一审核点评。",
    }
