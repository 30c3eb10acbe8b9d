"""Demo wishes reproducing seed 000: as of 26 May 2020, 2645 wishes published across 河南,
1429 claimed, 84 of them by staff of the 省总工会 agency; plus a few in 娄底 for scope."""

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from gonghui.people.generation import PersonFactory
from gonghui.people.models import Person

from .models import Wish, WishTransition
from .workflow import Status

AS_OF = dt.date(2020, 5, 26)
FIRST_DAY = dt.date(2020, 1, 6)
PUBLISHED = 2645
CLAIMED = 1429
BY_PROVINCIAL_STAFF = 84
BY_ENTERPRISES = 236
DELIVERED = 1118  # of the claimed, gift already handed over …
THANKED = 702  # … and thanks recorded
EXPIRED = 38  # published early in the year and never claimed
NOT_YET_PUBLISHED = {Status.COLLECTED: 57, Status.VETTED: 41, Status.WITHDRAWN: 19}

C = Wish.Category
B = Wish.AmountBand
# (category, amount band, wish, public description)
WISHES = [
    (C.STUDY, B.UP_TO_300, "一套学习桌椅", "孩子上初中了，家里没有一张像样的书桌写作业。"),
    (C.STUDY, B.UP_TO_100, "一个新书包和一套文具", "孩子的书包已经背了四年，拉链坏了。"),
    (C.STUDY, B.UP_TO_100, "一本新华字典和一本英汉词典", "孩子学习需要工具书。"),
    (C.STUDY, B.UP_TO_300, "一盏护眼台灯", "晚上写作业光线不好，想给孩子买一盏护眼灯。"),
    (C.STUDY, B.OVER_500, "一台学习用的电脑", "孩子上网课只能用手机，希望有一台电脑。"),
    (C.STUDY, B.UP_TO_300, "孩子的课外辅导书", "孩子明年中考，想要几本复习资料。"),
    (C.LIVING, B.UP_TO_300, "一床新棉被", "冬天家里冷，被子已经用了十几年。"),
    (C.LIVING, B.UP_TO_300, "一台电暖器", "老房子没有暖气，冬天老人怕冷。"),
    (C.LIVING, B.UP_TO_500, "一台洗衣机", "家里洗衣机坏了，衣服都靠手洗。"),
    (C.LIVING, B.UP_TO_100, "一袋米和一桶油", "想让家里过节时宽裕一些。"),
    (C.LIVING, B.UP_TO_300, "一台电饭煲", "家里的电饭煲坏了。"),
    (C.LIVING, B.UP_TO_300, "一台电风扇", "夏天屋里闷热，想要一台电风扇。"),
    (C.LIVING, B.UP_TO_500, "一台小冰箱", "夏天饭菜放不住，想要一台小冰箱。"),
    (C.WORK, B.UP_TO_300, "一套电工工具", "在小区做维修零工，工具不全。"),
    (C.WORK, B.UP_TO_100, "一双劳保鞋", "在工地上班，鞋子磨破了。"),
    (C.WORK, B.OVER_500, "一辆二手电动车", "上班路远，每天要走一个小时。"),
    (C.WORK, B.UP_TO_500, "一次技能培训的报名费", "想学一门技术，找一份更稳定的工作。"),
    (C.HEALTH, B.UP_TO_300, "一台电子血压计", "家中老人血压高，需要每天测量。"),
    (C.HEALTH, B.UP_TO_100, "一副老花镜", "眼睛看不清了，想配一副老花镜。"),
    (C.HEALTH, B.UP_TO_500, "一副助行器", "家人行动不便，想要一副助行器。"),
    (C.HEALTH, B.OVER_500, "一台轮椅", "家人出门不方便，想要一台轮椅。"),
    (C.OTHER, B.UP_TO_100, "一张全家福", "一家人从没拍过一张全家福。"),
    (C.OTHER, B.UP_TO_100, "孩子的生日蛋糕", "孩子下个月过生日，想给他一个惊喜。"),
    (C.OTHER, B.UP_TO_300, "一台收音机", "老人喜欢听戏，想要一台收音机。"),
]
# Sensitive and staff-only: why the household is in difficulty.
HARDSHIPS = [
    "本人患慢性病，长期服药",
    "配偶残疾，无劳动能力",
    "单亲家庭，独自抚养子女",
    "企业停产，收入下降",
    "子女上学，家庭负担重",
    "家中老人常年卧床",
    "因病致困，医疗支出大",
]
STREETS = ["建设路", "人民路", "解放路", "中原路", "文化路", "花园路", "工业路", "新华路"]


@dataclass
class Plan:
    """What happens to one wish (dates are days of 2020 up to the seed's date)."""

    status: str
    published: dt.datetime | None = None
    claimed: dt.datetime | None = None
    delivered: dt.date | None = None
    thanked: dt.datetime | None = None
    expired: dt.datetime | None = None
    claimant: str = ""


def _moment(rng: random.Random, day: dt.date) -> dt.datetime:
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(day, dt.time(rng.randint(8, 18), rng.randint(0, 59)), tz)


def _after(rng, start: dt.datetime, low: int, high: int) -> dt.datetime:
    moment = start + dt.timedelta(days=rng.randint(low, high), hours=rng.randint(0, 6))
    return min(moment, _moment(rng, AS_OF).replace(hour=17, minute=0))


def plans(rng: random.Random) -> list[Plan]:
    """The fate of every wish, chosen so that the totals are exactly the seed's."""
    days = (AS_OF - FIRST_DAY).days
    result = []
    for _ in range(PUBLISHED):
        published = _moment(rng, FIRST_DAY + dt.timedelta(days=rng.randint(0, days)))
        result.append(Plan(Status.PUBLISHED, published=published))
    result.sort(key=lambda p: p.published)
    # Earlier wishes had more time to be claimed: pick claims from the older part mostly.
    order = sorted(range(PUBLISHED), key=lambda i: i + rng.randint(0, PUBLISHED * 2))
    claimed = order[:CLAIMED]
    rng.shuffle(claimed)
    kinds = (
        ["agency_staff"] * BY_PROVINCIAL_STAFF
        + ["enterprise"] * BY_ENTERPRISES
        + ["public"] * (CLAIMED - BY_PROVINCIAL_STAFF - BY_ENTERPRISES)
    )
    rng.shuffle(kinds)
    for i, kind in zip(claimed, kinds, strict=True):
        plan = result[i]
        plan.status = Status.CLAIMED
        plan.claimant = kind
        plan.claimed = _after(rng, plan.published, 0, 20)
    done = sorted(claimed, key=lambda i: result[i].claimed)[: DELIVERED + 60]
    rng.shuffle(done)
    delivered = 0
    for i in done:
        plan = result[i]
        day = (plan.claimed + dt.timedelta(days=rng.randint(1, 10))).date()
        if day > AS_OF or delivered == DELIVERED:
            continue
        plan.status, plan.delivered = Status.DELIVERED, day
        delivered += 1
    thanked = 0
    for plan in result:
        if plan.status == Status.DELIVERED and thanked < THANKED:
            moment = _moment(rng, plan.delivered + dt.timedelta(days=rng.randint(1, 6)))
            if moment.date() <= AS_OF:
                plan.status, plan.thanked = Status.THANKED, moment
                thanked += 1
    expired = 0
    cutoff = AS_OF - dt.timedelta(days=settings.GONGHUI_WISH_EXPIRY_DAYS)
    for plan in result:
        if expired < EXPIRED and plan.status == Status.PUBLISHED and plan.published.date() < cutoff:
            plan.status = Status.EXPIRED
            plan.expired = plan.published + dt.timedelta(days=settings.GONGHUI_WISH_EXPIRY_DAYS)
            expired += 1
    for status, count in NOT_YET_PUBLISHED.items():
        result += [Plan(status) for _ in range(count)]
    return result


def _transitions(wish: Wish, plan: Plan, collected: dt.datetime, actor, claimant_label: str):
    rows = [("collect", "", Status.COLLECTED, collected, actor, "")]
    vetted = collected + dt.timedelta(days=1)
    if plan.status != Status.COLLECTED and not (
        plan.status == Status.WITHDRAWN and wish.vetted_at is None
    ):
        rows.append(("vet", Status.COLLECTED, Status.VETTED, vetted, actor, ""))
    if plan.published:
        rows.append(("publish", Status.VETTED, Status.PUBLISHED, plan.published, actor, ""))
    if plan.claimed:
        rows.append(("claim", Status.PUBLISHED, Status.CLAIMED, plan.claimed, None, claimant_label))
    if plan.delivered:
        moment = _moment(random.Random(wish.pk), plan.delivered)
        rows.append(("deliver", Status.CLAIMED, Status.DELIVERED, moment, actor, ""))
    if plan.thanked:
        rows.append(("thank", Status.DELIVERED, Status.THANKED, plan.thanked, actor, ""))
    if plan.expired:
        rows.append(("expire", Status.PUBLISHED, Status.EXPIRED, plan.expired, None, "系统"))
    if plan.status == Status.WITHDRAWN:
        source = Status.VETTED if wish.vetted_at else Status.COLLECTED
        rows.append(("withdraw", source, Status.WITHDRAWN, vetted, actor, ""))
    return [
        WishTransition(
            wish=wish,
            verb=verb,
            from_status=source,
            to_status=target,
            at=at,
            by=by,
            actor_label=label or (str(by) if by else ""),
            note=wish.withdrawn_reason if verb == "withdraw" else "",
        )
        for verb, source, target, at, by, label in rows
    ]


def _build(ctx, plan: Plan, *, org, factory, needy, staff, staff_users, actor) -> Wish:
    rng = ctx.rng
    category, band, title, description = rng.choice(WISHES)
    person = needy.pop() if needy and rng.random() < 0.5 else None
    worker_name = person.name if person else factory.name()
    published = plan.published or _moment(rng, AS_OF - dt.timedelta(days=rng.randint(0, 20)))
    collected = published - dt.timedelta(days=rng.randint(2, 10))
    wish = Wish(
        organization=org,
        org_path=org.path,
        title=title,
        description=description,
        category=category,
        amount_band=band,
        status=plan.status,
        person=person,
        worker_name=worker_name,
        worker_phone=person.phone if person else f"13{rng.randrange(10**8, 10**9)}",
        worker_address=f"{org.region}{rng.choice(STREETS)}{rng.randint(1, 300)}号",
        hardship=rng.choice(HARDSHIPS),
        is_home_visit=rng.random() < 0.85,
        collected_date=collected.date(),
        created_by=actor,
        vetted_at=collected + dt.timedelta(days=1)
        if plan.published or plan.status == Status.VETTED
        else None,
        published_at=plan.published,
        claimed_at=plan.claimed,
        delivered_date=plan.delivered,
        delivered_at=_moment(rng, plan.delivered) if plan.delivered else None,
        delivery_note="已由工会工作人员陪同送到职工家中" if plan.delivered else "",
        thanked_at=plan.thanked,
        thanks_note="感谢好心人的帮助，让我们感受到了工会大家庭的温暖" if plan.thanked else "",
        expired_at=plan.expired,
        withdrawn_reason="职工家庭情况好转，本人申请撤回"
        if plan.status == Status.WITHDRAWN
        else "",
    )
    wish._collected_moment = collected
    if plan.status == Status.PUBLISHED:
        # The board stays alive in the demo: open wishes get a deadline counted from today.
        wish.expires_at = timezone.now() + dt.timedelta(days=settings.GONGHUI_WISH_EXPIRY_DAYS)
    elif plan.published:
        wish.expires_at = plan.published + dt.timedelta(days=settings.GONGHUI_WISH_EXPIRY_DAYS)
    if plan.claimant:
        wish.claimant_kind = plan.claimant
        wish.claimant_phone = f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"
        if plan.claimant == "agency_staff":
            member = rng.choice(staff)
            wish.claimant_name = member.name
            wish.claimant_phone = member.phone
            wish.claimant_organization = org_of_staff(ctx)
            wish.claimed_by = staff_users.get(member.pk)
        elif plan.claimant == "enterprise":
            wish.claimant_name = factory.name()
            wish.claimant_company = rng.choice(ENTERPRISES)
        else:
            wish.claimant_name = factory.name()
    return wish


ENTERPRISES = [
    "河南豫兴商贸有限公司",
    "郑州宏达机械有限公司",
    "中原建工集团有限公司",
    "南阳恒通电力有限公司",
    "新乡华信电子有限公司",
    "漯河嘉和食品有限公司",
    "鹤壁瑞丰物流有限公司",
    "三门峡天成建材有限公司",
]


def org_of_staff(ctx):
    return ctx.org("河南省总工会")


def _load_region(ctx, region_name: str, plan_list: list[Plan], staff, staff_users, actor) -> int:
    region = ctx.org(region_name)
    orgs = [o for o in ctx.grassroots if o.path.startswith(region.path)]
    needy = list(Person.objects.filter(is_needy=True).in_subtree(region).order_by("pk"))
    ctx.rng.shuffle(needy)
    factory = PersonFactory(ctx.rng)
    wishes = [
        _build(
            ctx,
            plan,
            org=ctx.rng.choice(orgs),
            factory=factory,
            needy=needy,
            staff=staff,
            staff_users=staff_users,
            actor=actor,
        )
        for plan in plan_list
    ]
    Wish.objects.bulk_create(wishes, batch_size=1000)
    transitions = []
    for wish, plan in zip(wishes, plan_list, strict=True):
        label = ""
        if plan.claimant:
            shown = wish.claimant_company or wish.claimant_name_masked
            label = f"{Wish.ClaimantKind(plan.claimant).label} {shown}"
        transitions += _transitions(wish, plan, wish._collected_moment, actor, label)
    WishTransition.objects.bulk_create(transitions, batch_size=2000)
    return len(wishes)


def load(ctx) -> None:
    henan = ctx.org("河南省总工会")
    staff = list(Person.objects.filter(organization=henan).exclude(phone="").order_by("pk"))
    staff_users = {u.person_id: u for u in ctx.users.values() if u.person_id}
    actor = ctx.users.get("henan")
    count = _load_region(ctx, "河南省总工会", plans(ctx.rng), staff, staff_users, actor)
    # A handful in 娄底 (another province), so that scope can be seen at work.
    loudi_plans = [
        Plan(Status.PUBLISHED, published=_moment(ctx.rng, AS_OF - dt.timedelta(days=d)))
        for d in range(1, 13)
    ]
    for plan in loudi_plans[:5]:
        plan.status, plan.claimant = Status.CLAIMED, "public"
        plan.claimed = _after(ctx.rng, plan.published, 0, 1)
    count += _load_region(ctx, "娄底市总工会", loudi_plans, staff, {}, None)
    ctx.notes.append(
        f"微心愿：{count} 个；截至 2020 年 5 月 26 日河南省已发布 {PUBLISHED} 个，"
        f"认领 {CLAIMED} 个，其中省总工会机关干部职工认领 {BY_PROVINCIAL_STAFF} 个"
    )
