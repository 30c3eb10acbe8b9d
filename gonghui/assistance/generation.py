"""Bulk-generated archives and relief records, for the demo and for scale: written with
bulk_create (encrypted columns and blind indexes are computed here, as the services would)."""

import datetime as dt
import random

from django.db import connection, transaction
from django.utils import timezone

from gonghui.core.chinese import pinyin_initials
from gonghui.core.idcard import make_id_number
from gonghui.organizations.models import Organization

from . import encryption, tallies
from .models import Archive, HardshipReason, ReliefRecord
from .services import province_path_of
from .workflow import Status

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "建国秀英志强桂兰红梅海军丽娟春华玉兰德明淑珍小平永红金凤卫东翠花长青立新国庆"
STREETS = ["人民路", "解放路", "建设路", "文化路", "胜利街", "新华路", "长青路", "东风路"]
TIER_WEIGHTS = (("deep", 35), ("relative", 55), ("accident", 10))


def _name(rng) -> str:
    return (
        rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    )


def id_number_for(sequence: int, region: str = "430000") -> str:
    """A valid, unique number per sequence (the birth date carries sequence // 1000)."""
    born = dt.date(1962, 1, 1) + dt.timedelta(days=sequence // 1000)
    return make_id_number(region[:6], born, sequence % 1000)


def _review_due(established: dt.date, seq: int, today: dt.date) -> dt.date:
    """The yearly 复核 an open archive has kept up with: due on the next anniversary of its
    establishment, except one archive in twenty, 1–60 days overdue (from the sequence, so the
    random draws of the rest of the data stay as they were)."""
    if seq % 20 == 0:
        return today - dt.timedelta(days=seq % 60 + 1)
    day = min(established.day, 28)
    due = established.replace(year=today.year, day=day)
    if due <= established:
        due = due.replace(year=established.year + 1)
    return due if due >= today else due.replace(year=due.year + 1)


def generate_archives(
    *,
    organizations,
    count: int,
    rng: random.Random,
    start_sequence: int,
    status: str = Status.ACTIVE,
    established: dt.date = dt.date(2025, 3, 1),
    number_prefix: str = "KNG",
    batch_size: int = 2000,
    workers: list | None = None,
) -> list[int]:
    """`count` archives spread over `organizations`; returns their ids. With `workers` (people
    register rows: pk, name, id_number, organization) there is one archive per worker, in the
    worker's own union, under their name and ID number and linked to their record."""
    if workers is not None:
        count = len(workers)
    reasons = list(HardshipReason.objects.filter(is_active=True))
    Through = Archive.reasons.through
    today = timezone.localdate()
    ids = []
    made = 0
    while made < count:
        rows, picked = [], []
        for _ in range(min(batch_size, count - made)):
            seq = start_sequence + made
            made += 1
            if workers is not None:
                person_id, name, number, org = workers[made - 1]
            else:
                org = organizations[seq % len(organizations)]
                person_id, name = None, _name(rng)
                number = id_number_for(seq, org.region_code or "430000")
            tier = rng.choices([t for t, _w in TIER_WEIGHTS], [w for _t, w in TIER_WEIGHTS])[0]
            size = rng.randint(1, 5)
            rows.append(
                Archive(
                    organization=org,
                    org_path=org.path,
                    province_path=province_path_of(org.path),
                    person_id=person_id,
                    number=f"{number_prefix}{seq:08d}",
                    worker_name=name,
                    name_initials=pinyin_initials(name),
                    gender="M" if int(number[16]) % 2 else "F",
                    id_number=encryption.encrypt(number),
                    id_hash=encryption.blind_index(number),
                    phone=encryption.encrypt(f"139{seq % 100000000:08d}"),
                    address=encryption.encrypt(f"{rng.choice(STREETS)}{rng.randint(1, 300)}号"),
                    bank_name="中国工商银行",
                    bank_account=encryption.encrypt(f"6222{seq:015d}"),
                    household_size=size,
                    monthly_income=encryption.encrypt(str(rng.randint(50000, 150000) * size)),
                    local_standard_fen=75000,
                    proposed_tier=tier,
                    tier=tier if status in (Status.ACTIVE, Status.EXITED) else "",
                    status=status,
                    established_date=established if status == Status.ACTIVE else None,
                    review_due_date=_review_due(established, seq, today)
                    if status == Status.ACTIVE
                    else None,
                )
            )
            picked.append(
                rng.sample(reasons, k=min(len(reasons), rng.randint(1, 2))) if reasons else []
            )
        with transaction.atomic():
            Archive.objects.bulk_create(rows, batch_size=1000)
            Through.objects.bulk_create(
                [
                    Through(archive_id=a.pk, hardshipreason_id=r.pk)
                    for a, rs in zip(rows, picked, strict=True)
                    for r in rs
                ],
                batch_size=5000,
            )
        ids.extend(a.pk for a in rows)
    return ids


# Per-row columns of a generated relief record; every other column gets its default.
_RELIEF_VARYING = (
    "organization_id", "org_path", "programme", "beneficiary", "archive_id", "fund_source",
    "amount_fen", "headcount", "given_date",
)  # fmt: skip
INSERT_BATCH = 20_000


def _relief_writer():
    """(columns, arrange, write): `arrange` puts a row of _RELIEF_VARYING values in column
    order with the defaults; `write` stores an iterable of such rows — COPY on PostgreSQL,
    executemany elsewhere. Model instances cost too much at a million rows."""
    fields = [f for f in ReliefRecord._meta.concrete_fields if not f.primary_key]
    template = ReliefRecord(created_at=timezone.now())
    constant = {
        f.attname: f.get_db_prep_save(getattr(template, f.attname), connection)
        for f in fields
        if f.attname not in _RELIEF_VARYING
    }
    position = {name: i for i, name in enumerate(_RELIEF_VARYING)}

    def arrange(row: tuple) -> tuple:
        return tuple(
            row[position[f.attname]] if f.attname in position else constant[f.attname]
            for f in fields
        )

    quote = connection.ops.quote_name
    table = quote(ReliefRecord._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)

    def write(rows) -> int:
        made = 0
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(arrange(row))
                        made += 1
                return made
            sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
            batch = []
            for row in rows:
                batch.append(arrange(row))
                if len(batch) >= INSERT_BATCH:
                    cursor.executemany(sql, batch)
                    made += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                made += len(batch)
        return made

    return write


def generate_relief(
    *,
    archive_ids,
    per_archive: int,
    rng: random.Random,
    start: dt.date,
    days: int,
) -> int:
    """`per_archive` relief records for each archive, spread over `days` from `start`, written
    as plain rows a chunk of archives at a time."""
    from .models import Programme

    programmes = [Programme.WARMTH, Programme.LIVING, Programme.MEDICAL, Programme.EDUCATION]
    funds = ["upper", "own", "donation", "special"]
    field = ReliefRecord._meta.get_field("given_date")
    dates = [field.get_db_prep_save(start + dt.timedelta(days=d), connection) for d in range(days)]
    write = _relief_writer()
    made = 0
    for start_i in range(0, len(archive_ids), 5000):
        chunk = archive_ids[start_i : start_i + 5000]
        info = {
            pk: (org, path)
            for pk, org, path in Archive.objects.filter(pk__in=chunk).values_list(
                "pk", "organization_id", "org_path"
            )
        }
        made += write(
            (
                org, path, rng.choice(programmes), "household", pk, rng.choice(funds),
                rng.randint(2, 20) * 10000, 1, dates[rng.randrange(days)],
            )
            for pk in chunk
            for org, path in (info[pk],)
            for _ in range(per_archive)
        )  # fmt: skip
    return made


SCALE_ARCHIVES = 100_000
SCALE_RELIEF = 1_000_000


def ensure_scale(
    root,
    *,
    rng: random.Random,
    write=print,
    archives: int = SCALE_ARCHIVES,
    relief: int = SCALE_RELIEF,
) -> bool:
    """Bring the scale tree up to `archives` archives and `relief` relief records."""
    orgs = list(
        Organization.objects.filter(
            path__startswith=root.path, kind=Organization.Kind.GRASSROOTS
        ).order_by("pk")[:5000]
    ) or [root]
    existing = Archive.objects.filter(org_path__startswith=root.path).count()
    added = False
    if existing < archives:
        generate_archives(
            organizations=orgs,
            count=archives - existing,
            rng=rng,
            start_sequence=5_000_000 + existing,
            number_prefix="KNS",
        )
        write(f"困难职工档案：{archives - existing} 户")
        added = True
    have = ReliefRecord.objects.filter(org_path__startswith=root.path).count()
    if have < relief:
        ids = list(
            Archive.objects.filter(org_path__startswith=root.path)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        per = max(1, (relief - have) // max(1, len(ids)))
        made = generate_relief(
            archive_ids=ids, per_archive=per, rng=rng, start=dt.date(2025, 1, 1), days=365
        )
        write(f"帮扶记录：{made} 条")
        tallies.rebuild()
        added = True
    return added


def ensure_bench_officer(root, username: str = "bench_assistance"):
    """The scale tree's 帮扶专员 (the only bench persona that may look up a full ID number)."""
    from django.contrib.auth import get_user_model

    from gonghui.accounts.roles import ensure_roles

    role = ensure_roles()["assistance_officer"]
    user, _created = get_user_model().objects.update_or_create(
        username=username, defaults={"organization": root, "role": role}
    )
    return user


def generate_scale(ctx) -> None:
    root = Organization.objects.filter(name=ctx.root_name).first()
    if root is None:
        return
    # Proportional to the tree: one archive per organisation, ten relief records per archive.
    archives = min(SCALE_ARCHIVES, ctx.num_orgs)
    if ensure_scale(root, rng=ctx.rng, write=ctx.write, archives=archives, relief=10 * archives):
        ctx.bulk_loaded.extend([Archive, ReliefRecord])
