"""Generate a provincial-scale dataset fast: organisations and people by bulk insert.

    gonghui gen-scale --orgs 100000 --people 1000000

Builds 规模测试省总工会 (20 cities → counties → grassroots unions) under the national root,
its people, and the bench accounts `bench_province` and `bench_city`.
"""

import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from gonghui.accounts.roles import ensure_roles
from gonghui.core.bench import settle_after_bulk_load
from gonghui.core.demodata import DEMO_PASSWORD
from gonghui.organizations.generation import IdAllocator, finish_bulk, grassroots_name, new_node
from gonghui.organizations.models import Organization
from gonghui.people.generation import PersonFactory
from gonghui.people.models import Person

SCALE_ROOT = "规模测试省总工会"
CITIES = 20
COUNTIES_PER_CITY = 10


class Command(BaseCommand):
    help = "生成规模测试数据（组织、人员），用于 gonghui bench"

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, default=100_000)
        parser.add_argument("--people", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, orgs: int, people: int, seed: int, **options):
        if Organization.objects.filter(name=SCALE_ROOT).exists():
            self.stdout.write(f"{SCALE_ROOT} 已存在，跳过生成。")
            return
        if orgs < 1 + CITIES + CITIES * COUNTIES_PER_CITY + 1:
            raise CommandError("--orgs 太小")
        rng = random.Random(seed)
        started = time.perf_counter()
        with transaction.atomic():
            grassroots = self._organizations(rng, orgs)
        self.stdout.write(f"组织 {orgs} 个：{time.perf_counter() - started:.1f} 秒")
        started = time.perf_counter()
        self._people(rng, grassroots, people)
        self.stdout.write(f"人员 {people} 人：{time.perf_counter() - started:.1f} 秒")
        self._accounts()
        settle_after_bulk_load([Organization, Person])

    def _organizations(self, rng, total: int) -> list[Organization]:
        K = Organization.Kind
        national = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
        alloc = IdAllocator()
        root = new_node(alloc, parent=national, name=SCALE_ROOT, kind=K.PROVINCIAL, region="测试省")
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
        remaining = total - len(nodes)
        grassroots = []
        for n in range(remaining):
            parent = counties[n % len(counties)]
            node = new_node(
                alloc,
                parent=parent,
                name=grassroots_name(rng, parent.name[:-4], n + 1),
                kind=K.GRASSROOTS,
                region_code="410100",
            )
            grassroots.append(node)
        nodes.extend(grassroots)
        now = timezone.now()
        for node in nodes:
            node.created_at = node.updated_at = now
        Organization.objects.bulk_create(nodes, batch_size=5000)
        finish_bulk([Organization])
        return grassroots

    def _people(self, rng, grassroots, total: int) -> None:
        """Rows straight to the database with executemany: model instances cost too much here."""
        factory = PersonFactory(rng, start_sequence=Person.objects.count() + 10_000_000)
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
                r = rng.random()
                person = factory.build(
                    org,
                    is_volunteer=r < 0.2,
                    is_needy=0.2 <= r < 0.23,
                    is_liaison=0.23 <= r < 0.235,
                )
                person.created_at = person.updated_at = now
                batch.append(
                    tuple(
                        f.get_db_prep_save(getattr(person, f.attname), connection) for f in fields
                    )
                )
            made += count
            if len(batch) >= 20_000:
                self._flush(sql, batch)
                batch = []
        self._flush(sql, batch)

    def _flush(self, sql, batch):
        if batch:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, batch)

    def _accounts(self) -> None:
        roles = ensure_roles()
        User = get_user_model()
        root = Organization.objects.get(name=SCALE_ROOT)
        city = Organization.objects.get(name="测试1市总工会")
        for username, org in (("bench_province", root), ("bench_city", city)):
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={"organization": org, "role": roles["campaign_admin"]},
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
