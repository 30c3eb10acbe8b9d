"""Generated people with plausible names and valid ID numbers, built for bulk inserts."""

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone

from gonghui.core.chinese import pinyin_initials
from gonghui.core.idcard import make_id_number
from gonghui.core.scale import ScaleContext

from .models import Person

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
GIVEN = (
    "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏飞海燕波宁丹雪梅琳"
    "志刚春晓东亮斌慧颖欣怡子涵浩然宇轩思雨佳琪晨阳博文俊杰雅婷新民卫红振华国庆建军海龙"
)


class PersonFactory:
    """Deterministic generator: the same seed gives the same people."""

    def __init__(self, rng, *, start_sequence: int = 0):
        self.rng = rng
        self.sequence = start_sequence
        # Initials per character, computed once: pypinyin per name is too slow for a million.
        self._initial = {ch: pinyin_initials(ch) for ch in set(SURNAMES + GIVEN)}

    def name(self) -> str:
        given = self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if self.rng.random() < 0.7 else "")
        return self.rng.choice(SURNAMES) + given

    def initials(self, name: str) -> str:
        initial = self._initial
        if all(ch in initial for ch in name):
            return "".join(initial[ch] for ch in name)
        return pinyin_initials(name)

    def build(self, organization, *, region_code: str | None = None, **fields) -> Person:
        self.sequence += 1
        seq = self.sequence
        # 18 digits: region(6) + birth date(8) + sequence(3) + check digit. The region's last two
        # digits carry (seq // 1000) % 100 and the birth date carries seq // 100000 plus whole
        # years, so two different sequence numbers can never produce the same number.
        years = self.rng.randrange(0, 40)
        born = dt.date(1962, 1, 1) + dt.timedelta(days=seq // 100_000 + 365 * years)
        base = (region_code or organization.region_code or "410100")[:4]
        region = f"{base}{(seq // 1000) % 100:02d}"
        id_number = make_id_number(region, born, seq)
        gender = "M" if int(id_number[16]) % 2 else "F"
        name = fields.pop("name", None) or self.name()
        phone = f"1{self.rng.choice('35789')}{self.rng.randrange(10**8, 10**9)}"
        return Person(
            organization=organization,
            org_path=organization.path,
            name=name,
            name_initials=self.initials(name),
            gender=gender,
            birth_date=born,
            phone=phone,
            phone_tail=phone[-4:],
            id_number=id_number,
            **fields,
        )


def generate_scale(ctx: ScaleContext) -> None:
    """`ctx.num_people` people spread over the scale province's grassroots unions, written with
    executemany: model instances cost too much at a million rows."""
    grassroots = ctx.grassroots
    total = ctx.num_people
    factory = PersonFactory(ctx.rng, start_sequence=Person.objects.count() + 10_000_000)
    fields = [f for f in Person._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {Person._meta.db_table} ({columns}) VALUES ({placeholders})"
    now = timezone.now()
    per_org = max(1, total // len(grassroots))
    batch: list[tuple] = []
    made = 0
    for index, org in enumerate(grassroots):
        count = per_org if index < len(grassroots) - 1 else total - made
        for _ in range(count):
            r = ctx.rng.random()
            person = factory.build(
                org,
                is_volunteer=r < 0.2,
                is_needy=0.2 <= r < 0.23,
                is_liaison=0.23 <= r < 0.235,
            )
            person.created_at = person.updated_at = now
            batch.append(
                tuple(f.get_db_prep_save(getattr(person, f.attname), connection) for f in fields)
            )
        made += count
        if len(batch) >= 20_000:
            _insert(sql, batch)
            batch = []
    _insert(sql, batch)
    ctx.bulk_loaded.append(Person)
    ctx.write(f"人员 {total} 人")


def _insert(sql: str, batch: list[tuple]) -> None:
    if batch:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
