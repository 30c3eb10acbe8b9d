"""The draft text of a report, written from a generator's plain rows in the genre of the office's
own documents (the monthly meeting's news item, the 工作总结). Pure: rows in, text out.

A draft is a title line, then paragraphs separated by blank lines; a paragraph that starts
with 一、二、… is a heading. Each draft also lists the figures it states, as [label, value,
unit] with the value as written (2.4万余 → 24000), for the round trip through the ingest."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .generators import ActivityRow, NewsRows, SummaryRows
from .numbers import cn_number, stated_value

NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二 (enough for a report's sections and lists)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


@dataclass
class Draft:
    title: str
    paragraphs: list[str]
    figures: list[list] = field(default_factory=list)
    date_line: str = ""
    signature: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join([self.title, *self.paragraphs])

    def figure(self, label: str, value, unit: str, *, more: str = "余") -> str:
        stated = stated_value(value)
        self.figures.append([label, _plain(stated), unit])
        return cn_number(value, unit, more=more)


def _plain(value: Decimal):
    return int(value) if value == value.to_integral() else float(value)


def parse_text(text: str) -> tuple[str, list[str]]:
    """The title and paragraphs of an edited draft (blank lines separate paragraphs)."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    blocks = [" ".join(line.strip() for line in b.splitlines()) for b in blocks if b]
    return (blocks[0], blocks[1:]) if blocks else ("", [])


def cn_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def cn_day(day) -> str:
    return f"{day.month}月{day.day}日"


def _activity_clause(draft: Draft, unit: str, row: ActivityRow) -> str:
    label = f"{unit}·{row.title}"
    parts = []
    if row.sessions:
        parts.append("开展" + draft.figure(f"{label}·场次", row.sessions, "场次"))
    if row.participants:
        parts.append("参与" + draft.figure(f"{label}·人数", row.participants, "人"))
    if row.attendances:
        times = draft.figure(f"{label}·人次", row.attendances, "人次")
        parts.append(times if row.participants else "参与" + times)
    if row.money_yuan:
        parts.append("募集资金" + draft.figure(f"{label}·金额", row.money_yuan, "元", more="多"))
    if row.items:
        parts.append("收集" + draft.figure(f"{label}·物品", row.items, row.items_unit or "件"))
    if row.reach:
        parts.append("浏览量达" + draft.figure(f"{label}·浏览量", row.reach, "次"))
    if row.awards:
        parts.append("评选出" + draft.figure(f"{label}·评选", row.awards, "个"))
    return f"组织开展{row.title}" + ("，" + "、".join(parts) if parts else "")


def news_item(rows: NewsRows) -> Draft:
    """Seed 000's genre: the meeting, the leader's requirements, one clause per unit, 微心愿."""
    month = int(rows.period.split("-")[1])
    title = f"{rows.short_name}召开{month}月份{rows.topic}工作汇报会"
    draft = Draft(title=title, paragraphs=[])
    reported = [u for u in rows.units if u.reported]
    opening = f"{cn_day(rows.meeting_date)}，"
    opening += f"{rows.chair}主持召开" if rows.chair else "召开"
    opening += f"{month}月份{rows.topic}工作汇报会"
    if rows.attendees:
        opening += f"，{rows.attendees}出席会议"
    if reported:
        count = draft.figure("汇报部门", len(reported), "个")
        opening += f"，{reported[0].name}等{count}部门的负责同志参加会议并作汇报"
    draft.paragraphs.append(opening + "。")
    if rows.requirements.strip():
        draft.paragraphs += [p.strip() for p in rows.requirements.split("\n\n") if p.strip()]
    clauses = []
    for unit in rows.units:
        if unit.activities:
            parts = [_activity_clause(draft, unit.name, a) for a in unit.activities]
            clauses.append(unit.name + "，".join(parts))
        elif unit.summary:
            clauses.append(unit.name + unit.summary.rstrip("。；;. "))
    if clauses:
        draft.paragraphs.append(f"{month}月份以来，" + "；".join(clauses) + "。")
    w = rows.wishes
    if w is not None:
        draft.paragraphs.append(
            f"{w.agency}在{w.region}开展“点亮微心愿”志愿服务活动，帮助困难职工实现在生产、生活、"
            f"学习等方面的微心愿，目前{w.region}困难职工已发布微心愿"
            f"{draft.figure('发布微心愿', w.published, '个')}，爱心人士认领"
            f"{draft.figure('认领微心愿', w.claimed, '个')}，其中{w.agency}机关干部职工认领"
            f"{draft.figure('机关干部职工认领', w.agency_own, '个')}。"
        )
    draft.date_line = f"{rows.meeting_date.year}年{cn_day(rows.meeting_date)}"
    draft.signature = rows.organization
    return draft


def work_summary(rows: SummaryRows) -> Draft:
    """Seed 002's genre: sections 一、二、三… by work area with the period's figures, then the
    office's 下半年主要工作 (or 明年) list."""
    year = rows.start.year
    title = f"{rows.organization}{year}年{rows.label}工作总结"
    draft = Draft(title=title, paragraphs=[])
    span = f"{rows.start.month}月至{rows.end.month}月" if not rows.label else rows.label
    draft.paragraphs.append(
        f"{year}年{span}，{rows.organization}坚持以职工为中心，围绕文明创建和服务职工两条主线，"
        "各项工作取得新进展。现将有关情况总结如下。"
    )
    sections: list[tuple[str, list[str]]] = []
    p = rows.progress
    if rows.campaign and p.get("total"):
        text = (
            f"{rows.campaign}共分解创建任务{draft.figure('创建任务', p['total'], '项')}，"
            f"已通过审核{draft.figure('已通过', p.get('approved', 0), '项')}，"
            f"已提交待审{draft.figure('已提交', p.get('submitted', 0), '项')}，"
            f"正在推进{draft.figure('进行中', p.get('in_progress', 0) + p.get('returned', 0), '项')}，"
            f"尚未启动{draft.figure('未开始', p.get('not_started', 0), '项')}"
        )
        if p.get("overdue"):
            text += f"，其中逾期{draft.figure('逾期', p['overdue'], '项')}，需倒排工期抓紧落实"
        text += "。"
        if rows.projected_score is not None:
            text += (
                f"按目前进度预计测评得分{cn_number(rows.projected_score)}分"
                f"（满分{cn_number(rows.full_score)}分）。"
            )
        sections.append(("扎实推进文明创建工作", [text]))
    t = rows.activity_totals
    if t.get("num_activities"):
        text = "全年共开展各类活动" if rows.label == "全年" else "共开展各类活动"
        text += draft.figure("开展活动", t["num_activities"], "场")
        if t.get("attendances"):
            text += f"，参与职工{draft.figure('活动参与', t['attendances'], '人次')}"
        if t.get("money_fen"):
            text += f"，募集资金{draft.figure('活动资金', Decimal(t['money_fen']) / 100, '元', more='多')}"
        text += "。"
        if rows.activity_types:
            kinds = "、".join(
                f"{name}{draft.figure(name, n, '场')}" for name, n in rows.activity_types[:6]
            )
            text += f"其中{kinds}。"
        sections.append(("广泛开展职工文化活动", [text]))
    covered = {"activities.count", "activities.attendances", "activities.money"}
    services = []
    for f in rows.figures:
        if f.key in covered or f.group != "services" or not f.value:
            continue
        value = Decimal(f.value) / 100 if f.money_fen else f.value
        services.append(
            f"{f.label}{draft.figure(f.label, value, f.unit, more='多' if f.money_fen else '余')}"
        )
    if services:
        sections.append(("用心用情服务职工群众", ["；".join(services) + "。"]))
    if rows.next_steps:
        heading = "明年主要工作" if rows.label == "全年" else "下半年主要工作"
        items = [f"（{numeral(i)}）{step}" for i, step in enumerate(rows.next_steps, start=1)]
        sections.append((heading, items))
    for n, (heading, body) in enumerate(sections, start=1):
        draft.paragraphs.append(f"{numeral(n)}、{heading}")
        draft.paragraphs += body
    draft.date_line = f"{rows.end.year}年{cn_day(rows.end)}"
    draft.signature = rows.organization
    return draft


def annex_rows(rows: SummaryRows) -> list[list]:
    """The statistics annex: every headline figure of the period, activities by type and the
    campaign's progress per responsible unit, as [category, item, value, unit]."""
    out: list[list] = []
    for f in rows.figures:
        if f.value is None:
            continue
        value = Decimal(f.value) / 100 if f.money_fen else f.value
        out.append(["服务数据", f.label, _plain(Decimal(value)), f.unit])
    for name, n in rows.activity_types:
        out.append(["活动类型", name, n, "场"])
    for unit in rows.unit_progress:
        out.append(["创建任务", f"{unit['unit']}·任务", unit["total"], "项"])
        out.append(["创建任务", f"{unit['unit']}·已通过", unit["approved"], "项"])
        out.append(["创建任务", f"{unit['unit']}·已逾期", unit["overdue"], "项"])
    return out
