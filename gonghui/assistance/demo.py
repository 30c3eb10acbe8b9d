"""Demo assistance data reproducing seeds 004 (娄底, 2016) and 001 (广元, Spring Festival 2024),
plus a few 河南 archives in every state of the workflow for the 帮扶专员 and the city admin.

娄底 (seed 004): 126 needy enterprises and 426 households visited with 137万多元 慰问金; 619.6万元
助学 for 2 541 students; 1 200多 trained; 11万 in hospital mutual aid; 5万多 women covered;
近700 train tickets; 劳模 慰问 29 全国 / 336 省部级 / 25 市厅级 with 45万元; 生活补助费 130
people 136万元; 专项补助费 115 people 57万元. 广元 (seed 001): 867.4万元 of goods reaching 近1.7万
people at Spring Festival. Households and model workers are generated; group programmes
(助学, training, mutual aid, women's cover, tickets) are aggregate records with a headcount."""

import datetime as dt

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.accounts.roles import ensure_roles
from gonghui.core.demodata import DEMO_PASSWORD
from gonghui.organizations.models import Post
from gonghui.people.generation import PersonFactory
from gonghui.people.models import Person

from . import services, tallies
from .generation import _name, generate_archives, id_number_for
from .models import Archive, Batch, BatchEntry, Beneficiary, Enterprise, ModelWorker, ReliefRecord
from .workflow import BatchStatus, Status

LOUDI_YEAR = dt.date(2016, 1, 1)
HOUSEHOLDS = 426
ENTERPRISES = 126
WARMTH_CASH_FEN = 137_260_000  # 137万多元 (households and enterprises)
EDUCATION_FEN, STUDENTS = 619_600_000, 2541
TRAINED, MUTUAL_AID, WOMEN, TICKETS = 1236, 110_000, 50_600, 692
MODEL_WORKERS = {"national": (29, 300_000), "provincial": (336, 100_000), "city": (25, 108_000)}
MW_LIVING = (130, 136_000_000)
MW_SPECIAL = (115, 57_000_000)
GUANGYUAN_GOODS_FEN, GUANGYUAN_PEOPLE = 867_400_000, 16_960


def _split(total: int, parts: int) -> list[int]:
    """`total` in `parts` nearly equal integer pieces that add up exactly."""
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def _user(ctx, username, display_name, org, role):
    user = User(username=username, display_name=display_name, organization=org, role=role)
    user.set_password(DEMO_PASSWORD)
    user.save()
    ctx.users[username] = user
    return user


def _workers(ctx, unions, count: int, *, start_sequence: int, tag: bool = True) -> list:
    """`count` workers of `unions` from the people register, as generate_archives takes them:
    the people the register tags 困难职工 first, then (without `tag`) the unions' other members,
    then new workers of those unions (post 职工) — every archive holder is a person record.
    With `tag` the chosen people are tagged 困难职工, as an established archive makes them."""
    people = Person.objects.filter(organization__in=unions).select_related("organization")
    if tag:
        people = people.filter(is_needy=True)
    chosen = list(people.order_by("-is_needy", "pk")[:count])
    if len(chosen) < count:
        factory = PersonFactory(ctx.rng, start_sequence=start_sequence)
        post = Post.objects.filter(name="职工").first()
        new = [
            factory.build(unions[i % len(unions)], post=post, is_needy=tag)
            for i in range(count - len(chosen))
        ]
        Person.objects.bulk_create(new)
        chosen += list(
            Person.objects.filter(id_number__in=[p.id_number for p in new])
            .select_related("organization")
            .order_by("pk")
        )
    return [(p.pk, p.name, p.id_number, p.organization) for p in chosen]


def _group(
    org,
    programme,
    headcount,
    amount=0,
    goods=0,
    *,
    day,
    fund="upper",
    beneficiary=Beneficiary.WORKER,
    note="",
):
    return ReliefRecord(
        organization=org,
        org_path=org.path,
        programme=programme,
        beneficiary=beneficiary,
        fund_source=fund,
        amount_fen=amount,
        goods_value_fen=goods,
        headcount=headcount,
        given_date=day,
        note=note,
    )


def _loudi(ctx) -> None:
    loudi = ctx.org("娄底市总工会")
    counties = [ctx.org("冷水江市总工会"), ctx.org("娄底市娄星区总工会")]
    unions = [o for o in ctx.grassroots if o.path.startswith(loudi.path)] or counties
    rng = ctx.rng
    ids = generate_archives(
        organizations=unions,
        count=HOUSEHOLDS,
        rng=rng,
        start_sequence=100_000,
        established=dt.date(2015, 11, 1),
        number_prefix="KN2015",
        workers=_workers(ctx, unions, HOUSEHOLDS, start_sequence=700_000),
    )
    archives = list(Archive.objects.filter(pk__in=ids).order_by("pk"))
    enterprises = Enterprise.objects.bulk_create(
        [
            Enterprise(
                organization=unions[i % len(unions)],
                org_path=unions[i % len(unions)].path,
                name=f"娄底{_name(rng)[:1]}{['钢铁', '煤业', '建材', '机械', '纺织'][i % 5]}有限公司{i + 1}",
                reason=["停产半停产", "市场萎缩", "结构调整", "资金困难"][i % 4],
                num_workers_affected=rng.randint(30, 600),
            )
            for i in range(ENTERPRISES)
        ]
    )
    # 慰问金: households and enterprises share 137万多元 (households 2 000 元 each).
    household_fen = 200_000
    enterprise_total = WARMTH_CASH_FEN - household_fen * HOUSEHOLDS
    day = dt.date(2016, 1, 25)
    rows = [
        ReliefRecord(
            organization_id=a.organization_id, org_path=a.org_path, programme="warmth",
            beneficiary=Beneficiary.HOUSEHOLD, archive=a, fund_source="upper",
            amount_fen=household_fen, headcount=1, given_date=day, handed_over_by="市总工会",
        )
        for a in archives
    ]  # fmt: skip
    rows += [
        ReliefRecord(
            organization_id=e.organization_id, org_path=e.org_path, programme="warmth",
            beneficiary=Beneficiary.ENTERPRISE, enterprise=e, fund_source="own",
            amount_fen=amount, headcount=1, given_date=day, handed_over_by="市总工会",
        )
        for e, amount in zip(enterprises, _split(enterprise_total, ENTERPRISES), strict=True)
    ]  # fmt: skip
    # Group programmes, one aggregate record per county union.
    autumn = dt.date(2016, 8, 25)
    for programme, people, amount, when in (
        ("education", STUDENTS, EDUCATION_FEN, autumn),
        ("training", TRAINED, 0, dt.date(2016, 6, 15)),
        ("mutual_aid", MUTUAL_AID, 0, dt.date(2016, 3, 1)),
        ("women_cover", WOMEN, 0, dt.date(2016, 3, 8)),
        ("tickets", TICKETS, 0, dt.date(2016, 1, 20)),
    ):
        for county, n, fen in zip(counties, _split(people, 2), _split(amount, 2), strict=True):
            rows.append(_group(county, programme, n, fen, day=when, fund="special"))
    # 劳模: 390 model workers, 慰问 by level; 130 low-income and 115 in special hardship.
    workers = []
    for level, (n, _fen) in MODEL_WORKERS.items():
        for i in range(n):
            org = unions[(len(workers) + i) % len(unions)]
            workers.append(
                ModelWorker(
                    organization=org, org_path=org.path, name=_name(rng), level=level,
                    title={"national": "全国劳动模范", "provincial": "湖南省劳动模范", "city": "娄底市劳动模范"}[level],
                    year_awarded=rng.randint(1979, 2015),
                    living_status=rng.choice(["working", "retired", "retired"]),
                )
            )  # fmt: skip
    for i, worker in enumerate(workers):
        if i < MW_LIVING[0]:
            worker.income_band = "low"
        elif i < MW_LIVING[0] + MW_SPECIAL[0]:
            worker.income_band = "special"
    ModelWorker.objects.bulk_create(workers)
    for worker in workers:
        rows.append(
            ReliefRecord(
                organization_id=worker.organization_id, org_path=worker.org_path,
                programme="warmth", beneficiary=Beneficiary.MODEL_WORKER, model_worker=worker,
                fund_source="upper", amount_fen=MODEL_WORKERS[worker.level][1], headcount=1,
                given_date=dt.date(2016, 1, 28), handed_over_by="市总工会",
            )
        )  # fmt: skip
    low = [w for w in workers if w.income_band == "low"]
    special = [w for w in workers if w.income_band == "special"]
    for group, programme, (_n, total) in (
        (low, "mw_living", MW_LIVING),
        (special, "mw_special", MW_SPECIAL),
    ):
        for worker, fen in zip(group, _split(total, len(group)), strict=True):
            rows.append(
                ReliefRecord(
                    organization_id=worker.organization_id, org_path=worker.org_path,
                    programme=programme, beneficiary=Beneficiary.MODEL_WORKER, model_worker=worker,
                    fund_source="special", amount_fen=fen, headcount=1,
                    given_date=dt.date(2016, 9, 1), handed_over_by="市总工会",
                )
            )  # fmt: skip
    ReliefRecord.objects.bulk_create(rows, batch_size=2000)


def _guangyuan(ctx) -> None:
    guangyuan = ctx.org("广元市总工会")
    counties = [ctx.org("广元市利州区总工会"), ctx.org("广元市昭化区总工会")]
    unions = [o for o in ctx.grassroots if o.path.startswith(guangyuan.path)] or counties
    # The Spring Festival batch: 40 households on the list, paid; the goods bought with the
    # 867.4万元 that reached 近1.7万 people are aggregate records of the same batch.
    ids = generate_archives(
        organizations=unions, count=40, rng=ctx.rng, start_sequence=200_000,
        established=dt.date(2023, 10, 1), number_prefix="KN2023",
        workers=_workers(ctx, unions, 40, start_sequence=720_000),
    )  # fmt: skip
    amount = 100_000
    batch = Batch.objects.create(
        organization=guangyuan, org_path=guangyuan.path, name="2024年春节送温暖",
        programme="warmth", fund_source="upper", budget_fen=GUANGYUAN_GOODS_FEN,
        total_fen=amount * len(ids), num_entries=len(ids), status=BatchStatus.PAID,
        planned_date=dt.date(2024, 1, 25), paid_date=dt.date(2024, 2, 5), handed_over_by="市总工会",
    )  # fmt: skip
    BatchEntry.objects.bulk_create(
        [BatchEntry(batch=batch, archive_id=pk, amount_fen=amount) for pk in ids]
    )
    archives = Archive.objects.filter(pk__in=ids)
    rows = [
        ReliefRecord(
            organization_id=a.organization_id, org_path=a.org_path, programme="warmth",
            beneficiary=Beneficiary.HOUSEHOLD, archive=a, batch=batch, fund_source="upper",
            amount_fen=amount, headcount=1, given_date=batch.paid_date, handed_over_by="市总工会",
        )
        for a in archives
    ]  # fmt: skip
    goods = GUANGYUAN_GOODS_FEN - amount * len(ids)
    people = GUANGYUAN_PEOPLE - len(ids)
    for county, n, fen in zip(counties, _split(people, 2), _split(goods, 2), strict=True):
        rows.append(
            _group(
                county,
                "warmth",
                n,
                0,
                fen,
                day=batch.paid_date,
                note="慰问物资（企业、工地、社区）",
            )
        )
    ReliefRecord.objects.bulk_create(rows)
    batch.budget_fen = max(batch.budget_fen, batch.total_fen)
    batch.save(update_fields=["budget_fen"])


def _henan(ctx, helper) -> None:
    """A handful of archives in 河南 along the workflow, entered through the services."""
    henan = ctx.org("河南省总工会")
    union = next(
        (o for o in ctx.grassroots if o.path.startswith(ctx.org("郑州市总工会").path)), None
    )
    if union is None:
        return
    zhengzhou = ctx.users.get("zhengzhou")
    steps = [
        [],
        ["submit"],
        ["submit", "review"],
        ["submit", "review", "approve"],
        ["submit", "review", "approve", "establish"],
        ["submit", "review", "approve", "establish"],
        ["submit", "review", "approve", "establish"],
        ["submit", "return"],
    ]
    workers = _workers(ctx, [union], len(steps), start_sequence=740_000, tag=False)
    for i, (verbs, (_pk, name, number, _org)) in enumerate(zip(steps, workers, strict=True)):
        size = 2 + i % 3
        archive = services.create_archive(
            by=helper,
            organization=union,
            worker_name=name,
            id_number=number,
            phone=f"1390371{i:04d}",
            address=f"郑州市金水区{i + 1}号院",
            health="慢性病" if i % 2 else "",
            household_size=size,
            monthly_income_fen=(60_000 + 20_000 * i) * size,
            local_standard_fen=75_000,
            reasons=["illness"] if i % 2 else ["unemployment", "single-parent"],
            housing="rented",
            bank_name="中国工商银行郑州分行",
            bank_account=f"62220217{i:011d}",
            members=[
                {
                    "name": _name(ctx.rng),
                    "relation": "配偶",
                    "id_number": id_number_for(310_000 + i, "410100"),
                }
            ],
        )
        for verb in verbs:
            if verb == "approve":
                services.approve_archive(archive=archive, by=zhengzhou or helper)
            elif verb == "establish":
                services.establish_archive(
                    archive=archive, by=helper, tier=archive.proposed_tier or "relative"
                )
            elif verb == "return":
                services.return_archive(archive=archive, by=helper, note="请补充收入证明")
            else:
                services.note_verb(archive=archive, verb=verb, by=helper)
    # One review is overdue, so the overdue list is not empty.
    overdue = Archive.objects.filter(org_path__startswith=henan.path, status=Status.ACTIVE).first()
    if overdue:
        Archive.objects.filter(pk=overdue.pk).update(
            review_due_date=timezone.localdate() - dt.timedelta(days=20)
        )


def load(ctx) -> None:
    roles = ensure_roles()
    _user(
        ctx,
        "loudi-helper",
        "娄底市总工会帮扶专员",
        ctx.org("娄底市总工会"),
        roles["assistance_officer"],
    )
    _user(
        ctx,
        "guangyuan-helper",
        "广元市总工会帮扶专员",
        ctx.org("广元市总工会"),
        roles["assistance_officer"],
    )
    _loudi(ctx)
    _guangyuan(ctx)
    helper = ctx.users.get("helper")
    if helper is not None:
        _henan(ctx, helper)
    # The figures above were bulk-written: count them into the monthly tallies.
    tallies.rebuild()
    ctx.notes.append(
        "帮扶救助：娄底 2016 年走访困难企业 126 家、困难职工 426 户，慰问金 137.26 万元；"
        "广元 2024 年春节送温暖 867.4 万元、近 1.7 万人（账号 loudi-helper、guangyuan-helper）"
    )
