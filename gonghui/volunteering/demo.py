"""Demo volunteering from seeds 001 (广元: four teams, ~40 volunteers, 5 service events, 树仁社区
with 2 cadres, 24 livelihood problems solved) and 004 (娄底: 小花社区, 黄泥塘社区), plus an open
event in 郑州 for the public sign-up page."""

import datetime as dt

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.core.demodata import DEMO_PASSWORD
from gonghui.people.generation import PersonFactory
from gonghui.people.models import Person

from . import services
from .models import ServiceEvent

GUANGYUAN = "广元市总工会"
TEAMS = [
    ("“工心向党”共产党员志愿服务队", "party"),
    ("青年职工志愿服务队", "youth"),
    ("心理健康讲座专家团队", "expert"),
    ("法治宣讲工会律师团队", "lawyer"),
]
# 5 service events with ~40 cadres in all (seed 001), each also logged as a visit.
EVENTS = [
    ("“敲门行动”入户走访", "knock", dt.date(2024, 1, 6), 9),
    ("“红色星期六”清理卫生死角", "red_saturday", dt.date(2024, 1, 20), 8),
    ("文明城市创建问卷调查", "survey", dt.date(2024, 2, 17), 7),
    ("“红色星期六”清除“小广告”", "red_saturday", dt.date(2024, 3, 2), 8),
    ("“敲门行动”包联居民楼走访", "knock", dt.date(2024, 3, 16), 8),
]
PROBLEMS = [
    "楼道照明损坏", "小区路面破损积水", "垃圾清运不及时", "楼道堆放杂物", "独居老人就医不便",
    "困难职工子女入学咨询", "小区停车混乱", "下水道堵塞", "健身器材损坏", "居民楼外墙小广告",
    "绿化带缺损", "路灯不亮", "噪音扰民", "电动车楼道充电", "社区无障碍通道缺失",
    "农民工工资拖欠咨询", "二次供水水质问题", "违规占道经营", "楼顶漏水", "小区监控缺失",
    "公共厕所无人保洁", "快递乱堆放", "流浪犬扰民", "老旧小区缺少晾晒场地",
]  # fmt: skip


def _cadre(ctx, username: str, org_name: str, dept_name: str, display: str) -> User:
    person = PersonFactory(ctx.rng, start_sequence=900_000).build(
        ctx.org(org_name), department=ctx.dept(org_name, dept_name), is_volunteer=True
    )
    person.save()
    user = User(
        username=username,
        display_name=display,
        organization=ctx.org(org_name),
        department=ctx.dept(org_name, dept_name),
        role=ctx.users["henan"].role,  # 创建办管理员 of their own subtree
        person=person,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    ctx.users[username] = user
    return user


def _volunteers(ctx, by, org_name: str, count: int, start: int) -> list:
    factory = PersonFactory(ctx.rng, start_sequence=start)
    people = [factory.build(ctx.org(org_name), is_volunteer=True) for _ in range(count)]
    Person.objects.bulk_create(people)
    saved = Person.objects.filter(id_number__in=[p.id_number for p in people])
    return [
        services.register_volunteer(by=by, person=p, registered_date=dt.date(2024, 1, 2))
        for p in saved
    ]


def _past_event(*, by, leader, team, title, day, volunteers, place):
    """Record a service event that already took place: sign-up and check-in, then hours."""
    start = timezone.now() + dt.timedelta(days=1)
    event = services.create_event(
        by=by,
        organization=team.organization,
        team=team,
        title=title,
        start_at=start,
        end_at=start + dt.timedelta(hours=3),
        capacity=len(volunteers),
        place=place,
    )
    for volunteer in volunteers:
        signup = services.sign_up(by=by, event=event, volunteer=volunteer)
        services.check_in(by=by, signup=signup)
    held = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    ServiceEvent.objects.filter(pk=event.pk).update(
        start_at=held, end_at=held + dt.timedelta(hours=3)
    )
    event.refresh_from_db()
    event = services.close_event(by=by, event=event)
    for record in services.record_event_hours(by=by, event=event, hours="3"):
        services.approve_hours(by=leader, record=record)
    return event


def load(ctx) -> None:
    admin = ctx.users["admin"]
    leader = _cadre(ctx, "guangyuan", GUANGYUAN, "机关工会", "广元市总工会机关工会")
    org = ctx.org(GUANGYUAN)
    teams = [
        services.create_team(
            by=admin,
            organization=org,
            name=name,
            kind=kind,
            leader=leader,
            founded_date=dt.date(2024, 1, 2),
        )
        for name, kind in TEAMS
    ]
    volunteers = _volunteers(ctx, admin, GUANGYUAN, 40, 800_000)
    for i, volunteer in enumerate(volunteers):
        services.add_member(by=admin, team=teams[i % 2], volunteer=volunteer)
    pairing = services.create_pairing(
        by=admin,
        organization=org,
        kind="liaison",
        community="树仁社区",
        since_date=dt.date(2024, 1, 2),
        num_cadres=2,
        note="选派2名党员干部长期下沉树仁社区；市总工会领导不定期深入包联社区调研，研究包联共建工作。",
    )
    problems = iter(PROBLEMS)
    offset = 0
    for title, kind, day, size in EVENTS:
        group = volunteers[offset : offset + size]
        offset += size
        team = teams[0] if kind != "survey" else teams[1]
        _past_event(
            by=admin,
            leader=leader,
            team=team,
            title=title,
            day=day,
            volunteers=group,
            place="树仁社区",
        )
        visit = services.create_visit(
            by=admin,
            organization=org,
            kind=kind,
            visit_date=day,
            community="",
            pairing=pairing,
            team=team,
            num_participants=size,
            num_households=ctx.rng.randint(20, 60),
            summary=f"{title}：开展问卷调查、文明宣传，帮助整治环境卫生。",
        )
        for _ in range(4):
            _solved_problem(admin, org, visit, next(problems), day)
    # 街长制 巡街: the remaining problems of the 24 collected and solved.
    for week in range(2):
        day = dt.date(2024, 2, 24) + dt.timedelta(days=7 * week)
        visit = services.create_visit(
            by=admin,
            organization=org,
            kind="patrol",
            visit_date=day,
            community="利州区东坝街道",
            num_participants=6,
            summary="“街长制”巡街：清理卫生死角、清除“小广告”。",
        )
        for _ in range(2):
            _solved_problem(admin, org, visit, next(problems), day)
    _loudi(ctx, admin)
    _zhengzhou_open_event(ctx, admin)
    ctx.notes.append("志愿服务：广元 4 支服务队、40 名志愿者、5 场服务活动、民生难题 24 条全部解决")


def _solved_problem(by, org, visit, title, day):
    problem = services.collect_problem(
        by=by, organization=org, title=title, collected_date=day, visit=visit
    )
    assignee = "树仁社区居委会" if visit.community == "树仁社区" else "东坝街道办事处"
    services.assign_problem(by=by, problem=problem, assignee=assignee)
    services.close_problem(
        by=by, problem=problem, result="已协调相关部门解决", solved_date=day + dt.timedelta(days=5)
    )


def _loudi(ctx, by) -> None:
    org = ctx.org("娄底市总工会")
    for community in ("小花社区", "黄泥塘社区"):
        services.create_pairing(
            by=by,
            organization=org,
            kind="joint",
            community=community,
            since_date=dt.date(2016, 11, 15),
            num_cadres=7,
            note="七名党组成员分为七个小组，率机关干部职工深入社区开展慰问帮扶和卫生清扫。",
        )
    services.create_team(
        by=by,
        organization=org,
        name="娄底市总工会关爱困难职工志愿者服务队",
        kind="other",
        founded_date=dt.date(2016, 3, 1),
    )


def _zhengzhou_open_event(ctx, by) -> None:
    org = ctx.org("郑州市总工会")
    team = services.create_team(
        by=by,
        organization=org,
        name="郑州市总工会青年职工志愿服务队",
        kind="youth",
        leader=ctx.users["zhengzhou"],
    )
    volunteers = _volunteers(ctx, by, "郑州市总工会", 6, 850_000)
    for volunteer in volunteers:
        services.add_member(by=by, team=team, volunteer=volunteer)
    start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=10), dt.time(9, 0))
    )
    event = services.create_event(
        by=by,
        organization=org,
        team=team,
        title="“学雷锋”文明交通志愿劝导",
        start_at=start,
        end_at=start + dt.timedelta(hours=3),
        capacity=20,
        place="郑州市金水路与花园路交叉口",
        is_public=True,
        description="在路口开展文明交通劝导，引导市民文明出行。已注册志愿者可在公众门户报名。",
    )
    for volunteer in volunteers[:3]:
        services.sign_up(by=by, event=event, volunteer=volunteer)
