"""Benchmark cases of report generation: the monthly news item of the campaign bench data
(50 departments, their May reports) and of the 100 000-organisation province (1 000 000
activities), Word file included."""

import datetime as dt

from gonghui.accounts.models import User
from gonghui.campaigns import bench as campaign_bench
from gonghui.campaigns.selectors import campaigns_for_user
from gonghui.core.bench import Case
from gonghui.organizations.selectors import scale_landmarks

from . import services
from .models import GeneratedReport

TARGET_MS = 5000


def _news(username: str, *, campaign_name: str | None):
    user = User.objects.get(username=username)
    campaign = (
        campaigns_for_user(user).filter(name=campaign_name).first() if campaign_name else None
    )
    parameters = {
        "campaign_id": campaign.pk if campaign else None,
        "period": "2020-05",
        "meeting_date": dt.date(2020, 5, 26).isoformat(),
        "chair": "规模测试主持人",
    }

    def run():
        return services.generate_report(
            by=user,
            kind=GeneratedReport.Kind.NEWS,
            organization=user.organization,
            parameters=parameters,
        )

    return run


def cases(ctx) -> list[Case]:
    campaign_bench.ensure_scale_data()
    found = [
        Case(
            "月度新闻稿：50 个部门的汇报会（含 Word）",
            _news(campaign_bench.USER, campaign_name=campaign_bench.SCALE_CAMPAIGN),
            TARGET_MS,
            repeat=5,
        )
    ]
    if scale_landmarks() is not None:
        found.append(
            Case(
                "月度新闻稿：全省 100 万活动中的当月活动（含 Word）",
                _news("bench_province", campaign_name=None),
                TARGET_MS,
                repeat=5,
            )
        )
    return found
