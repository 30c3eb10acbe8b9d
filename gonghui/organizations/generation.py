"""Fast tree building for demo and scale data: ids assigned up front so paths need no re-save."""

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from gonghui.core.scale import AlreadyGenerated, ScaleContext

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


CITIES = 20
COUNTIES_PER_CITY = 10


def generate_scale(ctx: ScaleContext) -> None:
    """The scale province under the national root: cities, counties, then grassroots unions up
    to `ctx.num_orgs` organisations, inserted in bulk with their paths computed up front."""
    if Organization.objects.filter(name=ctx.root_name).exists():
        raise AlreadyGenerated(f"{ctx.root_name} 已存在，跳过生成。")
    if ctx.num_orgs < 1 + CITIES + CITIES * COUNTIES_PER_CITY + 1:
        raise ValueError("--orgs 太小")
    K = Organization.Kind
    with transaction.atomic():
        national = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
        alloc = IdAllocator()
        root = new_node(
            alloc, parent=national, name=ctx.root_name, kind=K.PROVINCIAL, region="测试省"
        )
        nodes = [root]
        counties = []
        for c in range(CITIES):
            city = new_node(alloc, parent=root, name=f"测试{c + 1}市总工会", kind=K.CITY)
            nodes.append(city)
            for k in range(COUNTIES_PER_CITY):
                county = new_node(
                    alloc, parent=city, name=f"测试{c + 1}市{k + 1}区总工会", kind=K.COUNTY
                )
                nodes.append(county)
                counties.append(county)
        grassroots = []
        for n in range(ctx.num_orgs - len(nodes)):
            parent = counties[n % len(counties)]
            grassroots.append(
                new_node(
                    alloc,
                    parent=parent,
                    name=grassroots_name(ctx.rng, parent.name[:-4], n + 1),
                    kind=K.GRASSROOTS,
                    region_code="410100",
                )
            )
        nodes.extend(grassroots)
        now = timezone.now()
        for node in nodes:
            node.created_at = node.updated_at = now
        Organization.objects.bulk_create(nodes, batch_size=5000)
        finish_bulk([Organization])
    ctx.grassroots = grassroots
    ctx.bulk_loaded.append(Organization)
    ctx.write(f"组织 {ctx.num_orgs} 个")
