"""Demo demands for 郑州, 南阳, 漯河, 三门峡, 鹤壁 and 新乡 市总工会 (seed 003: "倾听职工诉求、回应
职工期盼", "当好娘家人"): every channel and type, handled to every stage, some overdue and on the
parent's 督办 list, some rated (one unsatisfied and under review), a hotline operator account,
and a fixed ticket a visitor can look up (ticket ZGGH23526 + check, phone ending 1234)."""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.accounts.roles import ensure_roles
from gonghui.core.demodata import DEMO_PASSWORD

from . import services, tickets
from .models import Demand, DemandTopic, DemandType

CITIES = [
    "郑州市总工会",
    "南阳市总工会",
    "漯河市总工会",
    "三门峡市总工会",
    "鹤壁市总工会",
    "新乡市总工会",
]
PER_CITY = 12
PUBLIC_TICKET = tickets.with_check("ZGGH23526")
PUBLIC_PHONE = "13937561234"

# (type code, topic code, summary, content)
CASES = [
    (
        "complaint",
        "wages",
        "公司拖欠三个月工资",
        "车间一线工人三个月工资未发，找老板多次没有结果。",
    ),
    ("help", "injury", "工伤认定不知道怎么申请", "在车间被机器压伤手指，单位不给申报工伤。"),
    (
        "consult",
        "contract",
        "试用期被辞退有没有补偿",
        "入职两个月，试用期内被口头辞退，没有书面通知。",
    ),
    ("consult", "social-insurance", "单位不给缴纳社会保险", "入职一年多，单位一直没有给缴纳社保。"),
    ("complaint", "safety", "车间粉尘大没有防护用品", "打磨车间粉尘很大，单位不发口罩和防护眼镜。"),
    ("help", "hardship", "家庭困难申请帮扶救助", "爱人重病住院，孩子上学，家里生活困难。"),
    ("help", "legal-aid", "讨薪需要法律援助", "工地包工头拖欠工资，想申请工会法律援助。"),
    (
        "consult",
        "occupational-disease",
        "职业病诊断去哪里做",
        "在矿上干了十年，最近咳嗽厉害，怀疑尘肺病。",
    ),
    (
        "suggestion",
        "union-organising",
        "建议在园区成立联合工会",
        "园区里小企业多，职工没有工会可以入。",
    ),
    (
        "complaint",
        "contract",
        "单位强制加班不给加班费",
        "每天工作十二小时，周末也要上班，没有加班费。",
    ),
    ("consult", "wages", "最低工资标准是多少", "想了解本市现行的最低工资标准。"),
    ("suggestion", "other", "建议增加户外劳动者驿站", "环卫工人夏天没有地方喝水休息。"),
]
CHANNELS = ["web", "hotline", "hotline", "visit", "letter", "hotline"]
WORKERS = ["张建国", "李秀英", "王志强", "刘桂兰", "陈国平", "杨丽娟", "赵永刚", "黄淑芬"]


@contextmanager
def _clock(moment):
    # The demo replays months of handling through the services; the services read the time
    # from timezone.now(), so the replay sets it to each step's moment.
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _stage(i: int) -> str:
    """How far the i-th demand of a city got: most are done, some late, some open."""
    return [
        "closed",
        "closed",
        "rated",
        "closed",
        "answered",
        "handling",
        "received_late",
        "handling_late",
        "closed",
        "followed_up",
        "accepted",
        "received",
    ][i % 12]


def load(ctx) -> None:
    roles = ensure_roles()
    henan = ctx.org("河南省总工会")
    hotline = User(username="hotline", display_name="12351热线坐席", organization=henan)
    hotline.role = roles["hotline_operator"]
    hotline.set_password(DEMO_PASSWORD)
    hotline.save()
    ctx.users["hotline"] = hotline
    handler = ctx.users["henan"]
    types = {t.code: t for t in DemandType.objects.all()}
    topics = {t.code: t for t in DemandTopic.objects.all()}
    rng = ctx.rng
    end = timezone.now().replace(minute=0, second=0, microsecond=0)
    count = 0
    for c, city_name in enumerate(CITIES):
        city = ctx.org(city_name)
        below = [o for o in ctx.grassroots if o.path.startswith(city.path)]
        for i in range(PER_CITY):
            type_code, topic_code, summary, content = CASES[(i + c) % len(CASES)]
            stage = _stage(i)
            days_ago = {
                "received": 0,
                "accepted": 1,
                "handling": 2,
                "received_late": 5,
                "handling_late": 40,
            }.get(stage, rng.randint(8, 120))
            received = end - dt.timedelta(days=days_ago, hours=rng.randint(1, 7))
            channel = CHANNELS[(i + c) % len(CHANNELS)]
            anonymous = type_code == "suggestion" and i % 2 == 0
            employer = rng.choice(below).name.removesuffix("工会") if below and i % 3 else ""
            by = None if channel == "web" else hotline
            with _clock(received):
                demand = services.register_demand(
                    by=by,
                    channel=channel,
                    receiving_org=henan if by is not None else city,
                    demand_type=types[type_code],
                    topic=topics[topic_code],
                    summary=summary,
                    content=content,
                    worker_name="" if anonymous else WORKERS[(i + c) % len(WORKERS)],
                    worker_phone="" if anonymous else f"139{rng.randint(10000000, 99999999)}",
                    employer=employer,
                    location="" if employer else city.region,
                    is_anonymous=anonymous,
                )
            _replay(demand, stage, handler, received, rng)
            count += 1
    public = _public_demand(ctx.org("郑州市总工会"), handler, types, topics, end)
    late = services.sweep_overdue(now=end)
    ctx.notes.append(
        f"职工诉求：{count + 1} 件（郑州、南阳、漯河、三门峡、鹤壁、新乡），夜间督办 {late['escalated']} 件；"
        f"热线坐席 hotline；公众查询 诉求编号 {public.ticket} + 电话后四位 {PUBLIC_PHONE[-4:]}"
    )


def _replay(demand: Demand, stage: str, by, received, rng) -> None:
    if stage in ("received", "received_late"):
        return
    at = received + dt.timedelta(hours=rng.randint(2, 20))
    # A quarter first go down one more level, as 转办 from the city to a county union.
    if demand.organization.kind == "city" and rng.random() < 0.5:
        child = demand.organization.__class__.objects.filter(parent=demand.organization).first()
        if child is not None:
            with _clock(at):
                services.transfer_demand(demand=demand, by=by, to=child, reason="属地办理")
            at += dt.timedelta(hours=rng.randint(2, 30))
    with _clock(at):
        services.accept_demand(demand=demand, by=by)
    if stage == "accepted":
        return
    at += dt.timedelta(days=rng.randint(1, 3))
    with _clock(at):
        services.handle_demand(demand=demand, by=by, note="已电话联系职工和用人单位了解情况")
    if stage in ("handling", "handling_late"):
        return
    at += dt.timedelta(days=rng.randint(1, 9))
    with _clock(at):
        services.answer_demand(demand=demand, by=by, answer=_answer(demand))
    if stage == "answered":
        return
    at += dt.timedelta(days=rng.randint(1, 3))
    rating = rng.choice(["satisfied"] * 6 + ["fairly"] * 2 + ["unsatisfied"])
    with _clock(at):
        services.follow_up_demand(
            demand=demand,
            by=by,
            note="电话回访，职工表示问题已得到处理",
            rating="" if stage == "followed_up" else rating,
        )
    if stage == "closed" and demand.status == "rated":
        with _clock(at + dt.timedelta(hours=2)):
            services.close_demand(demand=demand, by=by)


def _answer(demand: Demand) -> str:
    return {
        "wages": "经工会协调，企业已承诺于本月底前补发拖欠工资，如未兑现请再次联系我们。",
        "injury": "已协助您向人社部门提交工伤认定申请，所需材料清单已短信发送。",
        "contract": "经核实，用人单位应依法支付经济补偿，工会已督促企业整改。",
        "social-insurance": "已将情况转交社保稽核部门，企业已开始为您补缴社会保险。",
    }.get(demand.topic.code, "您反映的问题已转交有关部门办理，工会将持续跟进。")


def _public_demand(zhengzhou, by, types, topics, end) -> Demand:
    """The fixed demand a visitor can look up: answered, waiting for the worker's rating."""
    received = end - dt.timedelta(days=6)
    with _clock(received):
        demand = services.register_demand(
            by=None,
            channel="web",
            receiving_org=zhengzhou,
            demand_type=types["consult"],
            topic=topics["wages"],
            summary="加班费怎么计算",
            content="周末加班单位只给调休，不给加班费，这样合法吗？",
            worker_name="周晓梅",
            worker_phone=PUBLIC_PHONE,
            location="郑州市金水区",
        )
    Demand.objects.filter(pk=demand.pk).update(ticket=PUBLIC_TICKET)
    demand.ticket = PUBLIC_TICKET
    with _clock(received + dt.timedelta(hours=3)):
        services.accept_demand(demand=demand, by=by)
    with _clock(received + dt.timedelta(days=2)):
        services.answer_demand(
            demand=demand,
            by=by,
            answer="休息日安排加班又不能安排补休的，应支付不低于工资200%的加班工资；"
            "单位已安排调休的可以不再支付。如有争议可申请劳动仲裁，工会提供法律援助。",
        )
    return demand
