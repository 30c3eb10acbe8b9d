"""Bulk generation of activities across whatever organisation tree exists (demo and scale)."""

import datetime as dt
import time

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from gonghui.organizations.models import Department, Organization
from gonghui.organizations.paths import subtree_range

from . import search
from .models import Activity, ActivityType
from .rollups import rebuild_rollups

TITLES = {
    "reading": ["职工读书分享会", "“书香工会”读书活动", "青年理论学习小组读书会"],
    "preaching": ["劳模工匠进企业宣讲", "创新理论宣讲", "先进事迹报告会"],
    "moral_forum": ["道德讲堂", "身边好人道德讲堂"],
    "contest": ["职工歌手大赛", "职工技能比武", "主题演讲比赛"],
    "sports": ["职工趣味运动会", "职工篮球赛", "健步走活动"],
    "lecture": ["安全出行知识讲座", "心理健康讲座", "法治讲座"],
    "online_quiz": ["核心价值观线上答题", "安全生产知识竞答"],
    "selection": ["文明家庭评选", "文明职工评选"],
    "condolence": ["走访慰问困难职工", "夏送清凉慰问一线职工"],
    "volunteer": ["学雷锋志愿服务", "文明交通志愿劝导", "社区环境整治志愿服务"],
    "training": ["职工技能培训班", "太极拳培训班"],
    "publicity": ["文明旅游宣传", "创文知识宣传进社区"],
}
COLUMNS = [
    "id",
    "created_at",
    "updated_at",
    "organization_id",
    "org_path",
    "department_id",
    "activity_type_id",
    "title",
    "start_date",
    "end_date",
    "place",
    "description",
    "participants",
    "attendances",
    "sessions",
    "money_fen",
    "items",
    "items_unit",
    "reach",
    "awards",
]


def generate_activities(
    *,
    count: int,
    rng,
    root: Organization | None = None,
    kind: str | None = None,
    first_day: dt.date = dt.date(2019, 1, 1),
    days: int = 730,
    batch_size: int = 5000,
    log=None,
) -> int:
    """Insert `count` activities spread over the organisations of `root`'s subtree (or every
    organisation; only those of `kind` if given), with explicit ids in batches, then rebuild the
    roll-ups. Returns the count."""
    orgs = Organization.objects.all()
    if root is not None:
        low, high = subtree_range(root.path)
        orgs = orgs.filter(path__gte=low, path__lt=high)
    if kind:
        orgs = orgs.filter(kind=kind)
    org_rows = list(orgs.values_list("pk", "path"))
    if not org_rows:
        return 0
    depts: dict[int, list[int]] = {}
    for dept_id, org_id in Department.objects.values_list("pk", "organization_id"):
        depts.setdefault(org_id, []).append(dept_id)
    types = list(ActivityType.objects.values_list("pk", "code"))
    next_id = (Activity.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    now = dt.datetime.now(dt.UTC)
    table = Activity._meta.db_table
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    started = time.perf_counter()
    made = 0
    while made < count:
        batch = []
        for _ in range(min(batch_size, count - made)):
            org_id, path = rng.choice(org_rows)
            type_id, code = rng.choice(types)
            start = first_day + dt.timedelta(days=rng.randrange(days))
            dept_choices = depts.get(org_id)
            people = rng.randint(10, 300)
            batch.append(
                (
                    next_id,
                    now,
                    now,
                    org_id,
                    path,
                    rng.choice(dept_choices) if dept_choices and rng.random() < 0.7 else None,
                    type_id,
                    rng.choice(TITLES.get(code, ["工会活动"])),
                    start,
                    start + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2])),
                    "",
                    "",
                    people,
                    people * rng.randint(1, 3),
                    rng.randint(1, 5),
                    rng.randrange(0, 500_000) if code in ("volunteer", "condolence") else 0,
                    rng.randrange(0, 300) if code == "volunteer" else 0,
                    "件" if code == "volunteer" else "",
                    rng.randrange(0, 30_000) if code == "online_quiz" else 0,
                    rng.randrange(0, 6) if code == "selection" else 0,
                )
            )
            next_id += 1
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
        made += len(batch)
        if log and made % 100_000 < batch_size:
            log(f"活动 {made}/{count}：{time.perf_counter() - started:.1f} 秒")
    _reset_sequence()
    rebuild_rollups()
    search.rebuild()
    if log:
        log(f"活动 {count} 项及月度汇总：{time.perf_counter() - started:.1f} 秒")
    return count


def _reset_sequence() -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Activity]):
            cursor.execute(sql)
