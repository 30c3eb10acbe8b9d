"""Demo rounds from the seeds: 娄底's 2016 selection with seed 004's counts (表彰), 安徽's
第二届创建文明行业评比 with seed 002's 3 / 10 / 70 / 121 (公示 ended, 审定), and 广元's 2024
round whose 公示 is running now, so the public notice page shows it."""

import datetime as dt

from django.db.models import Max
from django.utils import timezone

from gonghui.notices import services as notices
from gonghui.people.generation import PersonFactory
from gonghui.people.models import Person

from .models import AwardType, Honour, Nomination, Round, RoundTransition
from .workflow import RoundStatus, Status

# code, name, level, subject, 劳模 level
DEMO_AWARDS = [
    ("loudi-pioneer-collective", "五一先锋集体", "city", "collective", ""),
    ("loudi-pioneer-post", "五一先锋岗", "city", "collective", ""),
    ("furong-model-post", "芙蓉标兵岗", "provincial", "collective", ""),
    ("loudi-model-worker", "五一标兵", "city", "individual", ""),
    ("furong-star", "芙蓉百岗明星", "provincial", "individual", ""),
    ("hunan-craftsman", "湖南工匠", "provincial", "individual", "craftsman"),
    ("loudi-craftsman", "娄底工匠", "city", "individual", "craftsman"),
    ("anhui-civilized-trade", "省文明行业", "provincial", "collective", ""),
    ("anhui-model-civilized-worker", "省模范文明职工", "provincial", "individual", ""),
    ("anhui-advanced-unit", "先进单位", "provincial", "collective", ""),
]
# seed 004: 娄底 2016
LOUDI = [
    ("五一先锋集体", 13),
    ("五一先锋岗", 14),
    ("芙蓉标兵岗", 12),
    ("五一标兵", 68),
    ("芙蓉百岗明星", 17),
    ("湖南工匠", 13),
    ("娄底工匠", 60),
]
# seed 002: 安徽 第二届创建文明行业评比
ANHUI = [("省文明行业", 3), ("省模范文明职工", 10), ("先进单位", 70), ("文明窗口", 121)]
GUANGYUAN = [("市五一劳动奖章", 6), ("工人先锋号", 3), ("最美劳动者", 5)]

UNITS = [
    "供电公司",
    "钢铁集团",
    "煤业公司",
    "人民医院",
    "第一中学",
    "公交集团",
    "自来水公司",
    "税务局办税服务厅",
    "建设银行营业部",
    "邮政分公司",
    "燃气公司",
    "移动分公司",
    "中心医院",
    "高速公路管理处",
    "烟草专卖局",
    "市场监管局窗口",
    "不动产登记中心",
    "水泥厂",
    "机械厂",
]
COLLECTIVE_SUFFIX = ["运维班", "检修车间", "服务窗口", "急诊科", "营业厅", "调度中心", "质检组"]
POSTS = ["班组长", "技术员", "高级技师", "护士长", "教师", "驾驶员", "调度员", "工程师"]


def _awards() -> dict[str, AwardType]:
    top = AwardType.objects.aggregate(m=Max("sort_order"))["m"] or 0
    for i, (code, name, level, subject, mw) in enumerate(DEMO_AWARDS, start=1):
        AwardType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level,
                "subject": subject,
                "model_worker_level": mw,
                "sort_order": top + i * 10,
            },
        )
    return {a.name: a for a in AwardType.objects.all()}


def _round(ctx, org_name, name, year, awards, status, *, by) -> Round:
    org = ctx.org(org_name)
    round_ = Round.objects.create(
        organization=org,
        org_path=org.path,
        name=name,
        year=year,
        status=status,
        notice_working_days=5,
        created_by=by,
        decision_number="娄工发〔2016〕12号" if status == RoundStatus.COMMENDED else "",
    )
    round_.awards.set(awards)
    return round_


def _nominations(ctx, round_, plan, awards, nominators, factory, status):
    """Plain rows for a round: collectives by unit name, individuals as generated people."""
    rows, people = [], []
    rng = ctx.rng
    city = round_.organization.name.replace("总工会", "")
    for award_name, count in plan:
        award = awards[award_name]
        for i in range(count):
            org = nominators[i % len(nominators)]
            unit = f"{city}{rng.choice(UNITS)}"
            person = None
            if award.subject == AwardType.Subject.INDIVIDUAL:
                person = factory.build(org, region_code=org.region_code or None)
                people.append(person)
                name = person.name
            else:
                name = f"{unit}{rng.choice(COLLECTIVE_SUFFIX)}"
            rows.append(
                Nomination(
                    round=round_,
                    award=award,
                    organization=org,
                    org_path=org.path,
                    at_organization=round_.organization,
                    person=person,
                    nominee_name=name[:100],
                    unit=unit,
                    post_title=rng.choice(POSTS) if person else "",
                    is_frontline=rng.random() < 0.7,
                    deeds="立足岗位、勇于创新，带领班组完成多项技术攻关，群众口碑好。",
                    opinion="同意推荐",
                    status=status,
                    rank=i + 1,
                    nominee_key=f"demo:{round_.pk}:{award.pk}:{i}",
                    submitted_at=timezone.now(),
                )
            )
    Person.objects.bulk_create(people, batch_size=500)
    for row in rows:
        if row.person is not None:
            row.person_id = row.person.pk
    Nomination.objects.bulk_create(rows, batch_size=500)
    return rows


def _history(round_, verbs, by):
    source = ""
    rows = []
    for verb, target in verbs:
        rows.append(
            RoundTransition(round=round_, verb=verb, from_status=source, to_status=target, by=by)
        )
        source = target
    RoundTransition.objects.bulk_create(rows)


def _entries(rows):
    return [
        {
            "name": r.nominee_name if r.person_id else "",
            "masked_name": None if r.person_id else r.nominee_name,
            "unit": r.unit,
            "detail": r.award.name,
            "ref_id": r.pk,
        }
        for r in rows
    ]


def load(ctx) -> None:
    awards = _awards()
    factory = PersonFactory(ctx.rng, start_sequence=880000)
    admin = ctx.users.get("admin")
    R = RoundStatus

    # 娄底 2016: commended, honours in the people's history.
    loudi = _round(
        ctx,
        "娄底市总工会",
        "2016年娄底市五一劳动奖和工匠评选",
        2016,
        [awards[a] for a, _n in LOUDI],
        R.COMMENDED,
        by=admin,
    )
    rows = _nominations(
        ctx,
        loudi,
        LOUDI,
        awards,
        [ctx.org("冷水江市总工会"), ctx.org("娄底市娄星区总工会")],
        factory,
        Status.COMMENDED,
    )
    Honour.objects.bulk_create(
        [
            Honour(
                organization_id=r.organization_id,
                org_path=r.org_path,
                round=loudi,
                nomination=r,
                award=r.award,
                person_id=r.person_id,
                name=r.nominee_name,
                unit=r.unit,
                year=2016,
                conferred_by=loudi.organization.name,
            )
            for r in rows
        ],
        batch_size=500,
    )
    _history(
        loudi,
        [
            ("publish", R.OPEN),
            ("announce", R.NOTICE),
            ("approve", R.APPROVED),
            ("commend", R.COMMENDED),
        ],
        admin,
    )

    # 安徽 第二届创建文明行业评比: 公示 ended, 审定.
    anhui_org = ctx.org("安徽省总工会")
    anhui = _round(
        ctx,
        "安徽省总工会",
        "安徽省第二届创建文明行业评比",
        2018,
        [awards[a] for a, _n in ANHUI],
        R.APPROVED,
        by=admin,
    )
    rows = _nominations(ctx, anhui, ANHUI, awards, [anhui_org], factory, Status.APPROVED)
    notice = notices.open_notice(
        by=admin,
        organization=anhui_org,
        title="安徽省第二届创建文明行业评比拟表彰对象公示",
        intro="经推荐、审核，现将拟表彰对象予以公示（已在安徽日报同步公示）。",
        entries=_entries(rows),
        opens_at=timezone.make_aware(dt.datetime(2018, 11, 5, 9)),
        source=anhui,
        source_label="推优评先",
        contact="安徽省总工会宣教部",
    )
    notices.close_notice(notice=notice)
    _history(anhui, [("publish", R.OPEN), ("announce", R.NOTICE), ("approve", R.APPROVED)], admin)

    # 广元 2024: the notice is running now.
    gy = ctx.org("广元市总工会")
    guangyuan = _round(
        ctx,
        "广元市总工会",
        "2024年广元市五一劳动奖和最美劳动者评选",
        2024,
        [awards[a] for a, _n in GUANGYUAN],
        R.NOTICE,
        by=admin,
    )
    rows = _nominations(
        ctx,
        guangyuan,
        GUANGYUAN,
        awards,
        [ctx.org("广元市利州区总工会"), ctx.org("广元市昭化区总工会")],
        factory,
        Status.RECOMMENDED,
    )
    notice = notices.open_notice(
        by=admin,
        organization=gy,
        title="2024年广元市五一劳动奖和最美劳动者拟表彰对象公示",
        intro="经基层推荐、县区审核、征求纪检监察等部门意见，现将拟表彰对象予以公示。",
        entries=_entries(rows),
        source=guangyuan,
        source_label="推优评先",
        contact="广元市总工会基层工作部 0839-3260000",
    )
    _history(guangyuan, [("publish", R.OPEN), ("announce", R.NOTICE)], admin)
    ctx.notes.append(
        f"推优评先：娄底2016年表彰 {sum(n for _a, n in LOUDI)} 个（名），安徽文明行业评比 "
        f"3/10/70/121，广元2024年公示进行中 /notices/public/{notice.pk}/"
    )
