"""Demo campaigns: 河南省总工会 2020 争创全国文明单位 (seed 000) and 娄底 创文 (seed 004)."""

import datetime as dt

from . import frameworks, services
from .models import CampaignIndicator, CampaignKind, Framework, FrameworkVersion

HENAN = "河南省总工会"
LOUDI = "娄底市总工会"
HENAN_CAMPAIGN = "2020年争创全国文明单位"
LOUDI_CAMPAIGN = "2016年创建全国文明城市（创文管卫）"

# seed 000: who did what in May 2020 → the indicators each unit answers for.
# (unit, is a whole organisation, indicator codes, leader)
HENAN_DIVISION = [
    ("省总文明办", False, ["00", "01.01", "01.02", "12", "13"], "寇武江"),
    ("省总政策研究室", False, ["04"], "黄建中"),
    ("宣传教育部", False, ["09", "10"], "黄建中"),
    ("劳动和经济工作部", False, ["03"], "黄建中"),
    ("基层工作部", False, ["02", "11"], "寇武江"),
    ("女职工部", False, ["06", "10"], "黄建中"),
    ("外事联络部", False, ["05"], "黄建中"),
    ("直属单位党委", False, ["01.03", "08"], "寇武江"),
    ("河南省财贸轻纺烟草工会", True, ["05"], "黄建中"),
    ("河南省国防邮电工会", True, ["07"], "黄建中"),
    ("河南省煤矿工会", True, ["05"], "黄建中"),
]

# seed 004: 党组班子成员和部门负责人分工, 共性/个性任务的责任部室和责任领导.
LOUDI_DIVISION = [
    ("创文办", ["C1"], "谢晓明"),
    ("办公室", ["C2.3", "C4.2"], "谭红卫"),
    ("组宣部", ["C3", "C5"], "谢晓明"),
    ("女职工委员会", ["C2.1", "C4.1"], "谢晓明"),
    ("权益保障部", ["C2.2", "C4"], "谭红卫"),
]


def _version(code: str) -> FrameworkVersion:
    return FrameworkVersion.objects.filter(framework__code=code).order_by("-created_at").first()


def _codes(campaign, codes):
    return list(CampaignIndicator.objects.filter(campaign=campaign, code__in=codes))


def load(ctx) -> None:
    admin = ctx.users["admin"]
    frameworks.load_examples(by=admin)
    henan_admin = ctx.users["henan"]
    campaign = services.create_campaign(
        by=henan_admin,
        organization=ctx.org(HENAN),
        version=_version("national-civilized-unit"),
        name=HENAN_CAMPAIGN,
        kind=CampaignKind.UNIT,
        year=2020,
        start_date=dt.date(2020, 1, 10),
        assessment_date=dt.date(2020, 11, 30),
    )
    deadlines = [dt.date(2020, 6, 30), dt.date(2020, 8, 31), dt.date(2020, 9, 30)]
    for n, (unit, is_org, codes, leader) in enumerate(HENAN_DIVISION):
        liaison = ctx.users["liaison"] if unit == "基层工作部" else None
        services.assign(
            by=henan_admin,
            campaign=campaign,
            indicators=_codes(campaign, codes),
            departments=[] if is_org else [ctx.dept(HENAN, unit)],
            organizations=[ctx.org(unit)] if is_org else [],
            leader=ctx.people.get(leader),
            liaison=liaison,
            deadline=deadlines[n % len(deadlines)],
        )
    loudi = services.create_campaign(
        by=admin,
        organization=ctx.org(LOUDI),
        version=_version("national-civilized-city-union"),
        name=LOUDI_CAMPAIGN,
        kind=CampaignKind.CITY,
        year=2016,
        start_date=dt.date(2016, 3, 1),
        assessment_date=dt.date(2017, 10, 31),
    )
    for unit, codes, leader in LOUDI_DIVISION:
        services.assign(
            by=admin,
            campaign=loudi,
            indicators=_codes(loudi, codes),
            departments=[ctx.dept(LOUDI, unit)],
            leader=ctx.people.get(leader),
            deadline=dt.date(2017, 6, 30),
        )
    ctx.notes.append(
        f"创建活动：{HENAN_CAMPAIGN}（{campaign.assignments.count()} 项分工），"
        f"{LOUDI_CAMPAIGN}（{loudi.assignments.count()} 项分工）；"
        f"测评体系 {Framework.objects.count()} 个（示例分值）"
    )
