"""Benchmark cases: 回头看, the monthly meeting and the overview for a campaign of 300 indicators
× 50 departments with 50 000 evidence versions, and the ledger package of 2 000 files.

The scale data is generated on first use into the current database (bulk inserts).
"""

import datetime as dt
import random
import time
import tracemalloc

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

from gonghui.accounts.models import User
from gonghui.accounts.roles import ensure_roles
from gonghui.core.bench import Case, settle_after_bulk_load
from gonghui.ledger.models import (
    EvidenceFile,
    EvidenceItem,
    EvidenceVersion,
    LedgerExport,
    MonthlyReport,
)
from gonghui.ledger.services import build_export
from gonghui.organizations.models import Department, Organization
from gonghui.testing import make_org, make_user

from .models import Assignment, Campaign, CampaignIndicator, CampaignKind, Progress

SCALE_ORG = "台账规模测试省总工会"
SCALE_CAMPAIGN = "规模测试：争创全国文明单位"
EXPORT_CAMPAIGN = "规模测试：台账资料包"
USER = "bench_ledger"
NUM_ITEMS, LEAVES_PER_ITEM, NUM_DEPTS, NUM_VERSIONS = 30, 10, 50, 50_000
EXPORT_FILES, EXPORT_INDICATORS = 2_000, 200
TARGET_MS = 200


def _org_and_user():
    org = Organization.objects.filter(name=SCALE_ORG).first()
    if org is None:
        org = make_org(SCALE_ORG, kind=Organization.Kind.PROVINCIAL)
    user = User.objects.filter(username=USER).first()
    if user is None:
        user = make_user(USER, org=org, role=ensure_roles()["campaign_admin"])
    return org, user


def _campaign(org, user, name, rng):
    campaign = Campaign.objects.create(
        organization=org,
        name=name,
        kind=CampaignKind.UNIT,
        year=2020,
        assessment_date=dt.date(2020, 11, 30),
        grade_map={"A": 1.0, "B": 0.8, "C": 0.6},
        created_by=user,
    )
    parents = []
    for i in range(NUM_ITEMS):
        position = i + 1
        parents.append(
            CampaignIndicator(
                campaign=campaign,
                code=f"{i + 1:02d}",
                name=f"测评项目{i + 1}",
                depth=1,
                position=position * 100,
                is_leaf=False,
                full_score=10,
            )
        )
    CampaignIndicator.objects.bulk_create(parents)
    leaves = []
    methods = ["材料审核", "实地考察", "问卷调查", "网络查看"]
    for i, parent in enumerate(parents):
        for j in range(LEAVES_PER_ITEM):
            leaves.append(
                CampaignIndicator(
                    campaign=campaign,
                    parent=parent,
                    code=f"{i + 1:02d}.{j + 1:02d}",
                    name=f"测评内容{i + 1}-{j + 1}：开展创建活动并留存台账资料",
                    depth=2,
                    position=parent.position + j + 1,
                    full_score=1,
                    methods=[rng.choice(methods)],
                    min_photos=rng.choice([0, 2]),
                    self_grade=rng.choice(["A", "B", ""]),
                )
            )
    CampaignIndicator.objects.bulk_create(leaves, batch_size=500)
    return campaign, leaves


@transaction.atomic
def ensure_scale_data() -> None:
    """300 indicators × 50 departments (15 000 tasks), 50 000 evidence versions, 600 reports."""

    if Campaign.objects.filter(name=SCALE_CAMPAIGN).exists():
        return
    rng = random.Random(2020)
    org, user = _org_and_user()
    Department.objects.bulk_create(
        Department(organization=org, org_path=org.path, name=f"规模测试部门{n:02d}", sort_order=n)
        for n in range(NUM_DEPTS)
    )
    depts = list(Department.objects.filter(organization=org).order_by("sort_order"))
    campaign, leaves = _campaign(org, user, SCALE_CAMPAIGN, rng)
    statuses = [s for s, _ in Progress.choices]
    Assignment.objects.bulk_create(
        (
            Assignment(
                campaign=campaign,
                indicator=leaf,
                indicator_position=leaf.position,
                department=d,
                organization=org,
                org_path=org.path,
                deadline=dt.date(2020, rng.randint(5, 10), 28),
                status=rng.choice(statuses),
                is_complete=rng.random() < 0.5,
                missing="" if rng.random() < 0.5 else "照片不足：要求至少 2 张，已上传 1 张",
            )
            for leaf in leaves
            for d in depts
        ),
        batch_size=2000,
    )
    assignments = list(
        Assignment.objects.filter(campaign=campaign).values_list(
            "pk", "indicator_id", "department_id", "status"
        )
    )
    evidence_status = {"approved": "approved", "submitted": "submitted", "returned": "returned"}
    EvidenceItem.objects.bulk_create(
        (
            EvidenceItem(
                assignment_id=pk,
                campaign=campaign,
                indicator_id=ind,
                department_id=dept,
                organization=org,
                org_path=org.path,
                status=evidence_status.get(status, "draft"),
            )
            for pk, ind, dept, status in assignments
        ),
        batch_size=2000,
    )
    items = list(EvidenceItem.objects.filter(campaign=campaign).values_list("pk", flat=True))
    versions = []
    for n in range(NUM_VERSIONS):
        item_id = items[n % len(items)]
        versions.append(
            EvidenceVersion(
                item_id=item_id,
                number=n // len(items) + 1,
                report_text="按照创建工作方案开展活动，资料已整理归档。" * 4,
                is_frozen=True,
            )
        )
    EvidenceVersion.objects.bulk_create(versions, batch_size=2000)
    reports = [
        MonthlyReport(
            campaign=campaign,
            organization=org,
            org_path=org.path,
            department=d,
            period=f"2020-{m:02d}",
            summary=f"{d.name}{m}月组织开展读书、宣讲、志愿服务等创建活动。",
            status="submitted",
            review_comment="成效明显" if m % 2 else "",
        )
        for d in depts
        for m in range(1, 13)
    ]
    MonthlyReport.objects.bulk_create(reports)
    through = MonthlyReport.evidence.through
    by_dept: dict[int, list[int]] = {}
    for pk, dept in EvidenceItem.objects.filter(campaign=campaign).values_list(
        "pk", "department_id"
    ):
        by_dept.setdefault(dept, []).append(pk)
    through.objects.bulk_create(
        (
            through(monthlyreport_id=r.pk, evidenceitem_id=e)
            for r in MonthlyReport.objects.filter(campaign=campaign)
            for e in by_dept[r.department_id][:5]
        ),
        batch_size=2000,
    )


@transaction.atomic
def ensure_export_data() -> int:
    """A campaign of 200 approved indicators with 10 stored files each (2 000 files)."""

    found = Campaign.objects.filter(name=EXPORT_CAMPAIGN).first()
    if found is not None:
        return found.pk
    rng = random.Random(7)
    org, user = _org_and_user()
    campaign, leaves = _campaign(org, user, EXPORT_CAMPAIGN, rng)
    leaves = leaves[:EXPORT_INDICATORS]
    per = EXPORT_FILES // len(leaves)
    blob = rng.randbytes(48 * 1024)
    for n, leaf in enumerate(leaves):
        a = Assignment.objects.create(
            campaign=campaign,
            indicator=leaf,
            indicator_position=leaf.position,
            organization=org,
            status="approved",
        )
        item = EvidenceItem.objects.create(
            assignment=a,
            campaign=campaign,
            indicator=leaf,
            organization=org,
            status="approved",
        )
        version = EvidenceVersion.objects.create(
            item=item, number=1, report_text="资料齐全。" * 20, is_frozen=True
        )
        item.current_version = version
        item.save(update_fields=["current_version"])
        files = []
        for k in range(per):
            content = blob + f"{n}-{k}".encode()
            name = default_storage.save(f"bench/{n:03d}_{k:02d}.pdf", ContentFile(content))
            files.append(
                EvidenceFile(
                    version=version,
                    file=name,
                    original_name=f"资料{k + 1}.pdf",
                    kind="pdf",
                    size=len(content),
                    sha256=f"{n:032d}{k:032d}",
                )
            )
        EvidenceFile.objects.bulk_create(files)
    return campaign.pk


def _export_case(campaign_id: int) -> Case:
    figures = {}

    def run():
        export = LedgerExport.objects.create(campaign_id=campaign_id)
        tracemalloc.start()
        started = time.perf_counter()
        done = build_export(export_id=export.pk)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures.update(
            files=done.num_done,
            seconds=round(seconds, 2),
            peak_python_mb=round(peak / 1024 / 1024, 1),
            zip_mb=round(done.size / 1024 / 1024, 1),
        )

    return Case(
        f"台账资料包：{EXPORT_FILES} 个文件（时间与内存峰值）",
        run,
        target_p95_ms=None,
        repeat=1,
        warmup=0,
        extra=lambda: dict(figures),
    )


def vacuum_analyze() -> None:
    """On PostgreSQL, what autovacuum would have done after the bulk load (it may be off on a
    test server): visibility map for index-only scans, no dead rows, fresh statistics."""
    if connection.vendor != "postgresql":
        return

    settle_after_bulk_load(
        [
            Assignment,
            CampaignIndicator,
            EvidenceItem,
            EvidenceVersion,
            MonthlyReport,
            MonthlyReport.evidence.through,
        ]
    )


def cases(ctx) -> list[Case]:
    ensure_scale_data()
    vacuum_analyze()
    campaign = Campaign.objects.get(name=SCALE_CAMPAIGN)
    dept = (
        campaign.assignments.order_by("department_id")
        .values_list("department_id", flat=True)
        .first()
    )
    base = f"/campaigns/{campaign.pk}"
    return [
        Case("回头看：300 指标 × 50 部门，第 1 页", ctx.get(USER, f"{base}/lookback/"), TARGET_MS),
        Case("回头看：第 100 页", ctx.get(USER, f"{base}/lookback/?page=100"), TARGET_MS),
        Case(
            "回头看：按部门 + 已逾期筛选",
            ctx.get(USER, f"{base}/lookback/?dept={dept}&status=overdue"),
            TARGET_MS,
        ),
        Case("回头看 API 第 1 页", ctx.get(USER, f"/api/v1{base}/lookback"), TARGET_MS),
        Case(
            "月度汇报会：50 个部门，2020-05",
            ctx.get(USER, f"/ledger/meeting/?campaign={campaign.pk}&period=2020-05"),
            TARGET_MS,
        ),
        Case("创建活动概况（进度与得分）", ctx.get(USER, f"{base}/"), TARGET_MS),
        _export_case(ensure_export_data()),
    ]
