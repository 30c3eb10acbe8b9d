"""Demo reports: the May 2020 monthly meeting's news item of the 河南省总工会 agency (seed 000's
figures: 5880元, 672本, 422人次; 微心愿 2645 / 1429 / 84), the first half-year's 工作总结 and
its statistics annex, generated from the demo data of the other apps."""

import datetime as dt

from gonghui.campaigns.demo import HENAN_CAMPAIGN
from gonghui.campaigns.selectors import campaigns_for_user

from . import services
from .models import GeneratedReport

# Typed by the office after the meeting (seed 000's second paragraph).
REQUIREMENTS = (
    "会上，寇武江对各部门提交的创建资料逐一审核点评，对5月份各项创建工作给予肯定，并对下一步工作"
    "提出明确要求。他强调，一要补齐短板，对照全国文明单位测评体系开展一次“回头看”，已经完成的要"
    "进一步夯实提高，尚未完成的要倒排工期、抓好落实；二要做强优势，发挥工会联系职工群众的桥梁纽带"
    "作用，持续开展具有工会特色的创建活动；三要勇于创新，丰富活动载体和形式；四要争创一流，以一流的"
    "作风、一流的业绩树立省总工会的良好形象。"
)
NEXT_STEPS = "\n".join(
    [
        "对照测评体系开展“回头看”，逾期任务倒排工期、逐项销号。",
        "持续开展“点亮微心愿”志愿服务，提高认领和送达率。",
        "办好职工文化活动，打造工会特色创建品牌。",
        "做好迎检准备，规范整理创建台账资料。",
    ]
)


def load(ctx) -> None:
    by = ctx.users["henan"]
    henan = ctx.org("河南省总工会")
    campaign = campaigns_for_user(by).filter(name=HENAN_CAMPAIGN).first()
    campaign_id = campaign.pk if campaign else None
    news = services.generate_report(
        by=by,
        kind=GeneratedReport.Kind.NEWS,
        organization=henan,
        parameters={
            "campaign_id": campaign_id,
            "period": "2020-05",
            "meeting_date": dt.date(2020, 5, 26).isoformat(),
            "chair": "省总党组书记、常务副主席寇武江",
            "attendees": "副主席、党组成员黄建中",
            "requirements": REQUIREMENTS,
        },
    )
    half_year = {"campaign_id": campaign_id, "start": "2020-01-01", "end": "2020-06-30"}
    services.generate_report(
        by=by,
        kind=GeneratedReport.Kind.SUMMARY,
        organization=henan,
        parameters={**half_year, "next_steps": NEXT_STEPS},
    )
    services.generate_report(
        by=by, kind=GeneratedReport.Kind.ANNEX, organization=henan, parameters=half_year
    )
    ctx.notes.append(f"报告：{news.title}；2020年上半年工作总结与统计附表")
