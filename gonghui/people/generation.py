"""Generated people with plausible names and valid ID numbers, built for bulk inserts.

The scale generator writes rows, not model instances: on PostgreSQL it streams them with
`COPY … FROM STDIN` (ten million people in minutes), elsewhere with executemany. The columns
derived from what a person enters (pinyin initials, phone tail, birth date, gender) are filled
as `people.services` fills them."""

import contextlib
import datetime as dt
import time
from functools import lru_cache
from operator import itemgetter

from django.db import connection, transaction
from django.utils import timezone

from gonghui.core.chinese import pinyin_initials
from gonghui.core.idcard import make_id_number
from gonghui.core.scale import ScaleContext

from . import tallies
from .models import Person

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
GIVEN = (
    "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏飞海燕波宁丹雪梅琳"
    "志刚春晓东亮斌慧颖欣怡子涵浩然宇轩思雨佳琪晨阳博文俊杰雅婷新民卫红振华国庆建军海龙"
)
_FIRST_BIRTH_DATE = dt.date(1962, 1, 1)

# executemany batch; COPY streams without batches.
INSERT_BATCH = 20_000
# A load at least this large and at least as large as the table drops the table's secondary
# indexes and foreign keys and builds them again at the end: one sort per index instead of
# ten million random inserts into each, and one join per foreign key instead of a check per row.
REBUILD_INDEXES_FROM = 200_000
PROGRESS_EVERY = 1_000_000
# What PersonFactory.fields fills.
OWN_FIELDS = ("name", "name_initials", "gender", "birth_date", "phone", "phone_tail", "id_number")


@lru_cache(maxsize=600_000)
def _initials(name: str) -> str:
    # The generated names are a few hundred thousand combinations: each is spelled once, by
    # the same function the services use (whole-name pinyin, so polyphonic names read right).
    return pinyin_initials(name)


class PersonFactory:
    """Deterministic generator: the same seed gives the same people."""

    def __init__(self, rng, *, start_sequence: int = 0):
        self.rng = rng
        self.sequence = start_sequence

    def name(self) -> str:
        given = self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if self.rng.random() < 0.7 else "")
        return self.rng.choice(SURNAMES) + given

    def initials(self, name: str) -> str:
        return _initials(name)

    def values(self, region_code: str, *, name: str | None = None) -> tuple:
        """The next person's own columns in OWN_FIELDS order, the derived ones filled as
        people.services derives them."""
        self.sequence += 1
        seq = self.sequence
        rng = self.rng
        # 18 digits: region(6) + birth date(8) + sequence(3) + check digit. The region's last two
        # digits carry (seq // 1000) % 100 and the birth date carries seq // 100000 plus whole
        # years, so two different sequence numbers can never produce the same number.
        years = rng.randrange(0, 40)
        born = _FIRST_BIRTH_DATE + dt.timedelta(days=seq // 100_000 + 365 * years)
        id_number = make_id_number(f"{region_code[:4]}{(seq // 1000) % 100:02d}", born, seq)
        name = name or self.name()
        phone = f"1{rng.choice('35789')}{rng.randrange(10**8, 10**9)}"
        # The ID number's 17th digit is odd for men (core.idcard.gender).
        gender = "M" if id_number[16] in "13579" else "F"
        return (name, _initials(name), gender, born, phone, phone[-4:], id_number)

    def build(self, organization, *, region_code: str | None = None, **fields) -> Person:
        own = self.values(
            region_code or organization.region_code or "410100", name=fields.pop("name", None)
        )
        return Person(
            organization=organization,
            org_path=organization.path,
            **dict(zip(OWN_FIELDS, own, strict=True)),
            **fields,
        )


def _columns() -> list:
    return [f for f in Person._meta.concrete_fields if not f.primary_key]


_PLACE = ("organization_id", "org_path", "created_at", "updated_at")
_TAGS = ("is_volunteer", "is_needy", "is_liaison")


def scale_rows(ctx: ScaleContext, factory: PersonFactory, now):
    """`ctx.num_people` rows (values in `_columns()` order) spread over the grassroots unions."""
    grassroots = ctx.grassroots
    total = ctx.num_people
    rng = ctx.rng
    columns = _columns()
    known = (*OWN_FIELDS, *_TAGS, *_PLACE)
    others = [f for f in columns if f.attname not in known]
    defaults = tuple(f.get_default() for f in others)
    # Each row is assembled as own + tags + place + defaults, then put in column order at C speed.
    order = [*known, *(f.attname for f in others)]
    arrange = itemgetter(*[order.index(f.attname) for f in columns])
    per_org = max(1, total // len(grassroots))
    made = 0
    for index, org in enumerate(grassroots):
        count = per_org if index < len(grassroots) - 1 else total - made
        region = org.region_code or "410100"
        rest = (org.pk, org.path, now, now, *defaults)
        for _ in range(count):
            r = rng.random()
            own = factory.values(region)
            yield arrange((*own, r < 0.2, 0.2 <= r < 0.23, 0.23 <= r < 0.235, *rest))
        made += count
        if made >= total:
            break


def generate_scale(ctx: ScaleContext) -> None:
    """`ctx.num_people` people spread over the scale province's grassroots unions: COPY on
    PostgreSQL, executemany elsewhere; model instances cost too much at a million rows."""
    factory = PersonFactory(ctx.rng, start_sequence=Person.objects.count() + 10_000_000)
    rows = scale_rows(ctx, factory, timezone.now())
    if connection.vendor == "postgresql":
        copy_people(rows, total=ctx.num_people, write=ctx.write)
    else:
        insert_people(rows)
    ctx.bulk_loaded.append(Person)
    ctx.write(f"人员 {ctx.num_people} 人")


def insert_people(rows) -> None:
    """executemany in batches, each value prepared as the ORM would for this database."""
    columns = _columns()
    quoted = ", ".join(connection.ops.quote_name(f.column) for f in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {Person._meta.db_table} ({quoted}) VALUES ({placeholders})"
    batch: list[tuple] = []
    for row in rows:
        batch.append(
            tuple(f.get_db_prep_save(v, connection) for f, v in zip(columns, row, strict=True))
        )
        if len(batch) >= INSERT_BATCH:
            _insert(sql, batch)
            batch = []
    _insert(sql, batch)


def _insert(sql: str, batch: list[tuple]) -> None:
    if batch:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)


def copy_people(rows, *, total: int, write=print) -> None:
    """Stream the rows into PostgreSQL with COPY in one transaction. A large load drops the
    table's secondary indexes and foreign keys first and builds them again after (the same
    definitions, read from the catalogue), then the caller ANALYZEs."""
    table = Person._meta.db_table
    columns = ", ".join(connection.ops.quote_name(f.column) for f in _columns())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute(f"SELECT count(*) FROM {table}")
        existing = cursor.fetchone()[0]
        rebuild = total >= REBUILD_INDEXES_FROM and total >= existing
        saved = _drop_secondary(cursor, table) if rebuild else ([], [])
        started = time.perf_counter()
        done = 0
        # A large load counts the organisations' people once at the end, not row by row.
        with tallies.suspended() if rebuild else contextlib.nullcontext():
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    done += 1
                    if done % PROGRESS_EVERY == 0:
                        write(f"  人员 {done} 人（{time.perf_counter() - started:.0f} 秒）")
            if rebuild:
                started = time.perf_counter()
                _restore(cursor, table, saved)
                write(f"  人员索引与外键重建：{time.perf_counter() - started:.0f} 秒")


def _drop_secondary(cursor, table: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Drop every constraint but the primary key, then every index left (those not behind a
    constraint); return what rebuilds them."""
    # Checks of foreign keys deferred earlier in the transaction would block the ALTERs.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY conname",
        [table],
    )
    constraints = cursor.fetchall()
    for name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
        " JOIN pg_class i ON i.oid = x.indexrelid"
        " WHERE x.indrelid = %s::regclass AND NOT x.indisprimary"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
        " ORDER BY i.relname",
        [table],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return constraints, [definition for _name, definition in indexes]


def _restore(cursor, table: str, saved) -> None:
    constraints, indexes = saved
    for definition in indexes:
        cursor.execute(definition)
    # Unique constraints build their index; foreign keys are checked once, by a join.
    for name, definition in sorted(constraints, key=lambda c: "FOREIGN" in c[1]):
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
