"""A small framework and campaign on the test federation, shared by campaigns and ledger tests."""

import datetime as dt
import struct
import zlib

from gonghui.campaigns import frameworks, services
from gonghui.campaigns.models import CampaignIndicator, CampaignKind
from gonghui.testing import make_org

SMALL_YAML = """
framework: {code: test-unit, name: 测试测评体系, kind: unit}
version: {label: v1, grade_map: {A: 1.0, B: 0.8, C: 0.6}}
nodes:
  - code: "01"
    name: 学雷锋活动
    level: 测评项目
    score: 14
    methods: [材料审核]
    children:
      - {code: "01.01", name: 年度计划, score: 4, methods: [材料审核],
         upload: {doc_number: true, min_chars: 10}}
      - {code: "01.02", name: 活动照片, score: 10, methods: [实地考察],
         upload: {min_photos: 2}}
  - code: "02"
    name: 志愿服务
    score: 6
    methods: [网络查看]
rules:
  - {kind: bonus, code: J1, name: 获表彰, points: 3}
  - {kind: deduction, code: K1, name: 被通报, points: 2}
  - {kind: veto, code: F1, name: 重大安全事故, window_months: 24}
"""


def make_version(label: str = "v1"):
    spec = SMALL_YAML.replace("label: v1", f"label: {label}")
    return frameworks.import_framework(spec=frameworks.parse_yaml(spec))


def make_campaign(fed, *, assessment_date=dt.date(2020, 11, 30)):
    version = make_version()
    return services.create_campaign(
        by=fed.province_admin,
        organization=fed.henan,
        version=version,
        name="2020年争创全国文明单位",
        kind=CampaignKind.UNIT,
        year=2020,
        assessment_date=assessment_date,
    )


def indicator(campaign, code) -> CampaignIndicator:
    return CampaignIndicator.objects.get(campaign=campaign, code=code)


def assign_basic_work(fed, campaign, code="01.02", **extra):
    return services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, code)],
        departments=[fed.basic_work_dept],
        liaison=fed.liaison,
        **extra,
    )[0]


def png_bytes(seed: int = 0) -> bytes:
    """A valid 2×2 PNG; `seed` changes the pixels so files differ in content."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([seed % 256, 30, 30] * 2) for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def tasks_in_new_units(fed, campaign, codes=("01", "02"), *, deadline=dt.date(2020, 6, 30)):
    """make_rows for the query-count helper: unit i, a new grassroots union, gets the tasks
    under `codes`."""

    def more(indices):
        units = [make_org(f"金水第{i}基层工会", parent=fed.jinshui) for i in indices]
        services.assign(
            by=fed.province_admin,
            campaign=campaign,
            indicators=[indicator(campaign, code) for code in codes],
            organizations=units,
            deadline=deadline,
        )
        return [unit.name for unit in units]

    return more


def campaigns_with_tasks(fed):
    """make_rows for the query-count helper: campaign i, on a framework version of its own,
    with the basic work department's tasks under the liaison."""

    def more(indices):
        shown = []
        for i in indices:
            campaign = services.create_campaign(
                by=fed.province_admin,
                organization=fed.henan,
                version=make_version(f"第{i}版"),
                name=f"第{i}届争创文明单位",
                kind=CampaignKind.UNIT,
                year=2020,
                assessment_date=dt.date(2020, 11, 30),
            )
            assign_basic_work(fed, campaign, "01.01", deadline=dt.date(2020, 6, 1 + i))
            shown.append(campaign.name)
        return shown

    return more
