"""Generated responses for the demo and the bench: 安徽's 第三次万人评行风 shape (30 targets ×
10 items, 17 newspapers + 两会 + students) with a satisfaction profile per target, written in
bulk and folded into the counters. 510 000 responses take minutes."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from . import answers as answer_rules
from . import services
from .models import Response, Survey
from .selectors import definition_of

TARGETS = [
    "公安", "交通运输", "医疗卫生", "教育", "供电", "供水", "燃气", "通信", "银行", "保险",
    "税务", "市场监管", "人力资源社会保障", "住房城乡建设", "自然资源", "生态环境", "城市管理",
    "民政", "法院", "检察院", "司法行政", "公安交管", "邮政", "铁路", "民航", "水利",
    "农业农村", "商务", "文化旅游", "应急管理",
]  # fmt: skip
ITEMS = [
    "服务态度", "办事效率", "政务公开", "廉洁自律", "便民措施",
    "依法办事", "收费规范", "投诉处理", "作风建设", "总体评价",
]  # fmt: skip
NEWSPAPERS = [
    "合肥晚报", "淮北日报", "亳州晚报", "宿州日报", "蚌埠日报", "阜阳日报", "淮南日报",
    "滁州日报", "六安日报", "马鞍山日报", "巢湖日报", "芜湖日报", "宣城日报", "铜陵日报",
    "池州日报", "安庆日报", "黄山日报",
]  # fmt: skip
REGIONS = [name[:2] for name in NEWSPAPERS]
COMMENTS = [
    "办事窗口排队时间太长，希望增加窗口",
    "服务态度有明显改善，点个赞",
    "收费项目不透明，希望公开收费标准",
    "网上办事系统经常卡顿",
    "投诉电话打不通，处理不及时",
    "部分工作人员作风拖拉，推诿扯皮",
    "便民措施落实得好，老人办事方便了",
    "停电停水没有提前通知",
    "希望简化办事材料，少跑腿",
    "执法要文明规范",
]


def build_survey(*, by, organization, title="第三次万人评行风", open=True) -> Survey:
    """The questionnaire: 30 targets, 10 per-target items on the 4-point scale, a text."""
    survey = services.create_survey(
        by=by,
        organization=organization,
        title=title,
        description="请您对以下 30 个行业和部门的行风作出评价。匿名填写。",
        targets=TARGETS,
    )
    for item in ITEMS:
        services.add_question(
            by=by, survey=survey, kind="scale", text=item, is_per_target=True, section="行风评议"
        )
    services.add_question(
        by=by, survey=survey, kind="text", text="您对上述行业和部门的意见建议", is_required=False
    )
    for name in NEWSPAPERS:
        services.add_channel(by=by, survey=survey, kind="newspaper", name=name)
    services.add_channel(
        by=by, survey=survey, kind="congress", name="省两会代表委员", code="lianghui"
    )
    services.add_channel(by=by, survey=survey, kind="school", name="学生带给家长", code="students")
    if open:
        services.publish_survey(by=by, survey=survey)
    survey.refresh_from_db()
    return survey


def generate_responses(survey: Survey, count: int, *, rng: random.Random, batch: int = 5000) -> int:
    """`count` responses in bulk (paper-import-like rows), counted as they are written."""
    definition = definition_of(survey)
    grid = [q for q in definition.questions if q.is_grid]
    text_q = next((q for q in definition.questions if q.kind == "text"), None)
    channels = list(survey.channels.order_by("sort_order"))
    newspapers = [c for c in channels if c.kind == "newspaper"]
    congress = [c for c in channels if c.kind == "congress"]
    students = [c for c in channels if c.kind == "school"]
    width = len(definition.targets)
    # Each target's chance of 满意 / 基本满意 / 不满意 / 不了解, so the ranking spreads out.
    profiles = []
    for n in range(width):
        good = 0.45 + 0.35 * ((n * 7) % width) / width
        profiles.append([good, 0.85 - good, 0.1, 0.05])
    weights = [[p / sum(prof) for p in prof] for prof in profiles]
    start = timezone.now() - dt.timedelta(days=30)
    made = 0
    identities = ["worker", "public", "student", "deputy", "member"]
    while made < count:
        size = min(batch, count - made)
        # Column by column: one weighted draw of `size` codes per (question, target), then the
        # columns zipped into each response's strings. Drawing cell by cell was 300 calls a
        # response, 153 million for half a million responses; this is 300 a batch.
        grids = {}
        for q in grid:
            columns = [rng.choices("1234", weights=weights[t], k=size) for t in range(width)]
            grids[q.key] = ["".join(cells) for cells in zip(*columns, strict=True)]
        rows = []
        for i in range(size):
            roll = rng.random()
            if roll < 0.82:
                channel, identity = rng.choice(newspapers), rng.choice(identities[:2])
            elif roll < 0.86:
                channel, identity = congress[0], rng.choice(identities[3:])
            else:
                channel, identity = students[0], "student"
            answers = {key: strings[i] for key, strings in grids.items()}
            rows.append(
                Response(
                    survey_id=survey.pk,
                    channel_id=channel.pk,
                    submitted_at=start + dt.timedelta(seconds=rng.randrange(30 * 86400)),
                    source=Response.Source.IMPORT if roll < 0.9 else Response.Source.ONLINE,
                    identity=identity,
                    region=channel.name[:2] if channel.kind == "newspaper" else "",
                    answers=answers,
                )
            )
        # Counted as written (as a paper import is): tallied here, stored already folded and
        # the counters added in the same transaction, so nothing reads the rows back.
        batch_no = rng.randrange(1, 2**62)
        for r in rows:
            r.tally_batch = batch_no
        counter = answer_rules.tally(
            definition,
            (
                (
                    r.answers,
                    r.identity,
                    r.region,
                    r.industry,
                    r.channel_id,
                    timezone.localtime(r.submitted_at).date().isoformat(),
                )
                for r in rows
            ),
        )
        with transaction.atomic():
            created = Response.objects.bulk_create(rows, batch_size=2000)
            services.add_counts(survey.pk, counter)
            if text_q is not None:
                from .models import TextAnswer

                TextAnswer.objects.bulk_create(
                    (
                        TextAnswer(
                            survey_id=survey.pk,
                            response=r,
                            question_id=text_q.id,
                            text=rng.choice(COMMENTS),
                            submitted_at=r.submitted_at,
                        )
                        for r in created[::20]
                        if r.pk is not None
                    ),
                    batch_size=2000,
                )
        made += size
    return made
