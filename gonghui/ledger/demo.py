"""Demo ledger: evidence in every state, and the May 2020 monthly meeting of seed 000."""

import datetime as dt
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.campaigns.demo import HENAN_CAMPAIGN, LOUDI_CAMPAIGN
from gonghui.campaigns.models import Campaign
from gonghui.campaigns.services import set_self_grade

from . import services
from .models import MonthlyReport
from .workflow import ReportStatus

# seed 000: what each unit reported at the May 2020 meeting.
MAY_REPORTS = {
    "省总政策研究室": "以机关青年理论学习小组为依托，组织开展“学习经典理论 践行先进标准”第五期读书活动。",
    "宣传教育部": "在全省组织开展“唱响中国梦·中原更出彩”职工歌手大赛；牵头组建“学习习近平总书记给郑州圆方集团全体职工重要回信精神”宣讲团赴全省巡回宣讲。",
    "劳动和经济工作部": "组织开展省总机关第二期“道德讲堂”，邀请牛雪平、张凤英、郭玉霞3位劳模为机关干部职工作报告。",
    "基层工作部": "组织开展“书本传递爱心 知识点亮希望”爱心捐书志愿服务活动，共计收到捐款5880元、捐书672本。",
    "女职工部": "组织开展省总机关第三届春季运动会，设7个比赛项目，参与干部职工422人次。",
    "外事联络部": "组织开展“文明礼貌 安全出行”知识讲座，邀请省公安厅交警总队副总队长刘传忠为机关干部职工作报告。",
    "直属单位党委": "在省总工会机关举办“学习习近平总书记给郑州圆方集团全体职工重要回信精神”宣讲会、“学习回信精神·践行初心使命”主题演讲比赛，举办太极拳、八段锦培训班。",
    "河南省财贸轻纺烟草工会": "组织开展机关“文明家庭”评选活动，评选出4个“文明家庭”。",
    "河南省国防邮电工会": "组织开展社会主义核心价值观线上答题活动，浏览量达2.4万余次，参与活动7207人次。",
    "河南省煤矿工会": "开展“文明旅游 礼行天下 我为文化旅游强省建设增光添彩”宣传教育活动，营造了关注、参与和推动文明旅游的良好氛围。",
}
MAY_COMMENTS = {
    "基层工作部": "捐书志愿服务活动有成效，请把捐款捐书明细和照片补进台账。",
    "劳动和经济工作部": "道德讲堂请劳模作报告，形式好，要形成常态。",
    "宣传教育部": "职工歌手大赛和宣讲团是工会特色品牌，继续做强优势。",
    "女职工部": "运动会参与面广，照片要能看出单位名称。",
}
STATES = ["approved", "submitted", "returned", "resubmitted", "draft", "approved", "none"]


def _png(seed: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([seed % 251, (seed // 251) % 251, 60] * 4) for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _pdf(title: str) -> bytes:
    return f"%PDF-1.4\n% {title}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


def _fill(item, by, n: int) -> None:
    ind = item.indicator
    types = set(ind.allowed_file_types)
    if "pdf" in types:
        services.add_file(
            by=by,
            item=item,
            upload=SimpleUploadedFile(f"{ind.code}_工作方案.pdf", _pdf(f"{ind.code}-{n}")),
        )
    for k in range(max(ind.min_photos, 0 if "pdf" in types else 1)):
        services.add_file(
            by=by,
            item=item,
            upload=SimpleUploadedFile(f"{ind.code}_活动照片{k + 1}.png", _png(n * 7 + k)),
        )
    text = f"{ind.name}：按照创建工作方案，责任部门明确专人负责，活动有计划、有记录、有照片。"
    while len(text) < max(ind.min_chars, 60):
        text += "活动覆盖机关全体干部职工，资料已整理归档，做到过程可查、成效可见。"
    services.save_report(
        by=by,
        item=item,
        report_text=text[: ind.max_chars],
        doc_number=f"豫工文明〔2020〕{n + 1}号" if ind.requires_doc_number else "",
    )


def _evidence(ctx, campaign, editor_for, reviewer) -> int:
    count = 0
    for n, assignment in enumerate(
        campaign.assignments.select_related("indicator", "department").order_by("pk")
    ):
        state = STATES[n % len(STATES)]
        if state == "none":
            continue
        by = editor_for(assignment)
        item = services.ensure_item(assignment=assignment, by=by)
        _fill(item, by, n)
        count += 1
        if state == "draft":
            continue
        services.submit(by=by, item=item)
        if state == "approved":
            services.approve(by=reviewer, item=item, comment="资料齐全，符合测评要求。")
            set_self_grade(by=ctx.users["admin"], indicator=item.indicator, grade="A")
        elif state in ("returned", "resubmitted"):
            services.return_item(
                by=reviewer, item=item, comment="照片看不出单位名称和活动主题，请补充现场照片。"
            )
            if state == "resubmitted":
                version = item.current_version
                services.save_report(
                    by=by,
                    item=item,
                    report_text=version.report_text + "已补充说明。",
                    doc_number=version.doc_number,
                )
                services.submit(by=by, item=item)
    return count


def _unit_name(assignment) -> str:
    return assignment.department.name if assignment.department_id else assignment.organization.name


def load(ctx) -> None:
    henan = Campaign.objects.get(name=HENAN_CAMPAIGN)
    liaison = ctx.users["liaison"]
    henan_admin = ctx.users["henan"]
    leader = ctx.users["leader"]
    made = _evidence(
        ctx,
        henan,
        lambda a: liaison if a.department_id == liaison.department_id else henan_admin,
        leader,
    )
    # The May 2020 meeting (seed 000): every unit but the office that runs it reported.
    units = {}
    for a in henan.assignments.select_related("department", "organization"):
        units.setdefault((a.organization_id, a.department_id), a)
    for assignment in units.values():
        name = _unit_name(assignment)
        if name not in MAY_REPORTS:
            continue
        by = liaison if assignment.department_id == liaison.department_id else henan_admin
        items = list(
            henan.assignments.filter(
                organization_id=assignment.organization_id,
                department_id=assignment.department_id,
                evidence__isnull=False,
            ).values_list("evidence__pk", flat=True)
        )
        report = services.save_monthly_report(
            by=by,
            campaign=henan,
            organization=assignment.organization,
            department=assignment.department,
            period="2020-05",
            summary=MAY_REPORTS[name],
            evidence_ids=items,
        )
        services.submit_monthly_report(by=by, report=report)
        if name in MAY_COMMENTS:
            services.review_monthly_report(
                by=leader, report=report, comment=MAY_COMMENTS[name], verb="approve"
            )
    MonthlyReport.objects.filter(campaign=henan, period="2020-05").update(
        submitted_at=timezone.make_aware(dt.datetime(2020, 5, 25, 17, 0))
    )
    MonthlyReport.objects.filter(
        campaign=henan, period="2020-05", status=ReportStatus.APPROVED
    ).update(reviewed_at=timezone.make_aware(dt.datetime(2020, 5, 26, 15, 30)))
    loudi = Campaign.objects.get(name=LOUDI_CAMPAIGN)
    admin = ctx.users["admin"]
    made += _evidence(ctx, loudi, lambda a: admin, admin)
    ctx.notes.append(f"台账资料 {made} 项（各种状态）；2020年5月月度汇报 {len(MAY_REPORTS)} 份")
