"""Bulk-generated demands for scale: ten per organisation of the scale tree (1 000 000 for the
full 100 000-organisation province), written with bulk_create (paths set here, as the intake
service would)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gonghui.organizations.models import Organization

from . import tallies, tickets
from .models import Demand, DemandTopic, DemandType
from .workflow import Status

SCALE_DEMANDS = 1_000_000
SUMMARIES = [
    "公司拖欠三个月工资",
    "工伤认定不知道怎么申请",
    "单位不给缴纳社会保险",
    "试用期被辞退有没有补偿",
    "车间粉尘大没有防护用品",
    "强制加班不给加班费",
    "家庭困难申请帮扶救助",
    "讨薪需要法律援助",
    "职业病诊断去哪里做",
    "建议园区成立联合工会",
]
STAGES = [
    (Status.CLOSED, 55),
    (Status.RATED, 8),
    (Status.ANSWERED, 10),
    (Status.HANDLING, 12),
    (Status.ACCEPTED, 8),
    (Status.RECEIVED, 7),
]


def ensure_scale_demands(root, *, rng, write=print, total=SCALE_DEMANDS) -> int:
    existing = Demand.objects.in_subtree(root).count()
    if existing >= total:
        return 0
    orgs = list(
        Organization.objects.subtree(root.path).values_list("pk", "path", "parent_id", "depth")
    )
    paths = {pk: path for pk, path, _parent, _depth in orgs}
    types = list(DemandType.objects.all())
    topics = list(DemandTopic.objects.all())
    now = timezone.now()
    statuses, weights = zip(*STAGES, strict=True)
    made = 0
    while existing + made < total:
        batch = []
        for _ in range(min(5000, total - existing - made)):
            pk, path, parent, _depth = rng.choice(orgs)
            received = now - dt.timedelta(minutes=rng.randint(60, 365 * 24 * 60))
            status = rng.choices(statuses, weights)[0]
            kind = rng.choice(types)
            answered = status in (Status.CLOSED, Status.RATED, Status.ANSWERED)
            escalated = status in (Status.RECEIVED, Status.HANDLING) and rng.random() < 0.3
            made += 1
            batch.append(
                Demand(
                    ticket=tickets.new_ticket(),
                    channel=rng.choice(["web", "hotline", "hotline", "visit", "letter"]),
                    demand_type=kind,
                    topic=rng.choice(topics),
                    status=status,
                    worker_name="张建国",
                    worker_phone=f"139{rng.randint(10000000, 99999999)}",
                    summary=rng.choice(SUMMARIES),
                    organization_id=pk,
                    org_path=path,
                    receiving_org_id=root.pk,
                    chain_path=root.path,
                    received_at=received,
                    held_since=received,
                    accept_due_at=received + dt.timedelta(days=1),
                    finish_due_at=received + dt.timedelta(days=7 if kind.finish_days < 10 else 21),
                    accepted_at=received + dt.timedelta(hours=rng.randint(1, 40))
                    if status != Status.RECEIVED
                    else None,
                    answered_at=received + dt.timedelta(days=rng.randint(1, 25))
                    if answered
                    else None,
                    rating=rng.choice(["satisfied", "satisfied", "fairly", "unsatisfied"])
                    if status in (Status.CLOSED, Status.RATED)
                    else "",
                    is_overdue=escalated,
                    is_escalated=escalated,
                    supervising_org_id=parent if escalated else None,
                    supervising_path=paths.get(parent, "") if escalated else "",
                )
            )
        with transaction.atomic():
            Demand.objects.bulk_create(batch, batch_size=1000)
        if made % 100_000 == 0:
            write(f"  职工诉求 {existing + made}")
    # The statistics summary, counted once from the rows just written.
    write(f"  诉求统计汇总 {tallies.rebuild()} 行")
    return made


def generate_scale(ctx) -> None:
    root = Organization.objects.filter(name=ctx.root_name).first()
    if root is None:
        return
    total = min(SCALE_DEMANDS, 10 * ctx.num_orgs)
    if ensure_scale_demands(root, rng=ctx.rng, write=ctx.write, total=total):
        ctx.bulk_loaded.append(Demand)
