"""Fast tree building for demo and scale data: ids assigned up front so paths need no re-save."""

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

from .models import Organization
from .paths import child_path, depth_of

INDUSTRY_WORDS = [
    "机械",
    "电力",
    "纺织",
    "煤业",
    "建工",
    "交通",
    "物流",
    "化工",
    "食品",
    "医药",
    "电子",
    "钢铁",
    "水务",
    "燃气",
    "公交",
    "银行",
    "保险",
    "通信",
    "邮政",
    "烟草",
    "商贸",
    "酒店",
    "物业",
    "环卫",
    "学校",
    "医院",
    "出版",
    "农业",
    "建材",
    "汽车",
]
NAME_WORDS = [
    "宏达",
    "中原",
    "华信",
    "恒通",
    "金盾",
    "瑞丰",
    "豫兴",
    "新华",
    "永安",
    "博远",
    "天成",
    "东方",
    "嘉和",
    "盛世",
    "诚信",
    "远航",
    "鼎盛",
    "兴业",
    "汇通",
    "和润",
    "光明",
    "长青",
    "福源",
    "康达",
    "众合",
    "德润",
    "安泰",
    "宏图",
    "建业",
    "同心",
]
SUFFIXES = ["有限公司", "股份有限公司", "集团有限公司", "有限责任公司", "中心", "分公司"]


class IdAllocator:
    def __init__(self, model=Organization):
        self.model = model
        self.next_id = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def take(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value


def new_node(alloc: IdAllocator, *, parent: Organization | None, name: str, kind: str, **extra):
    pk = alloc.take()
    path = child_path(parent.path if parent else "", pk)
    return Organization(
        pk=pk, parent=parent, name=name, kind=kind, path=path, depth=depth_of(path), **extra
    )


def grassroots_name(rng, place: str, n: int) -> str:
    words = f"{rng.choice(NAME_WORDS)}{rng.choice(INDUSTRY_WORDS)}"
    return f"{place}{words}{rng.choice(SUFFIXES)}工会（{n}）" if n else f"{place}{words}工会"


def finish_bulk(models) -> None:
    """After explicit ids: fix PostgreSQL sequences and the children counters."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    refresh_child_counts()


def refresh_child_counts() -> None:
    with connection.cursor() as cursor:
        table = Organization._meta.db_table
        cursor.execute(
            f"UPDATE {table} SET num_children = "
            f"(SELECT COUNT(*) FROM {table} c WHERE c.parent_id = {table}.id)"
        )
