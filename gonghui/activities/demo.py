"""Demo activities with the figures of seeds 000 (河南, May 2020), 001 (广元, 2024) and 004 (娄底,
2016), plus generated activities of the grassroots unions."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from gonghui.organizations.models import Organization

from . import services
from .generation import generate_activities
from .models import ActivityType

D = dt.date
HENAN = "河南省总工会"

# (organisation, department, type code, title, start, end, metrics)
SEEDED = [
    (HENAN, "省总政策研究室", "reading", "“学习经典理论 践行先进标准”第五期读书活动",
     D(2020, 5, 12), None, {"place": "省总工会机关", "description": "以机关青年理论学习小组为依托组织开展。"}),
    (HENAN, "宣传教育部", "contest", "“唱响中国梦·中原更出彩”职工歌手大赛",
     D(2020, 5, 8), D(2020, 5, 30), {"place": "全省", "description": "在全省组织开展职工歌手大赛。"}),
    (HENAN, "宣传教育部", "preaching", "“学习习近平总书记给郑州圆方集团全体职工重要回信精神”宣讲团全省巡回宣讲",
     D(2020, 5, 14), D(2020, 5, 29), {"place": "全省", "description": "牵头组建宣讲团赴全省巡回宣讲。"}),
    (HENAN, "劳动和经济工作部", "moral_forum", "省总机关第二期“道德讲堂”",
     D(2020, 5, 19), None, {"place": "省总工会机关", "sessions": 1,
      "description": "邀请牛雪平、张凤英、郭玉霞3位劳模为机关干部职工作报告。"}),
    (HENAN, "基层工作部", "volunteer", "“书本传递爱心 知识点亮希望”爱心捐书志愿服务活动",
     D(2020, 5, 15), D(2020, 5, 25), {"place": "省总工会机关", "money": Decimal("5880"), "items": 672,
      "items_unit": "本", "description": "共计收到捐款5880元、捐书672本。"}),
    (HENAN, "女职工部", "sports", "省总机关第三届春季运动会",
     D(2020, 5, 21), D(2020, 5, 22), {"place": "省总工会机关", "sessions": 7, "attendances": 422,
      "description": "设7个比赛项目，参与干部职工422人次。"}),
    (HENAN, "外事联络部", "lecture", "“文明礼貌 安全出行”知识讲座",
     D(2020, 5, 27), None, {"place": "省总工会机关",
      "description": "邀请省公安厅交警总队副总队长刘传忠为机关干部职工作报告。"}),
    (HENAN, "直属单位党委", "preaching", "“学习习近平总书记给郑州圆方集团全体职工重要回信精神”宣讲会",
     D(2020, 5, 13), None, {"place": "省总工会机关"}),
    (HENAN, "直属单位党委", "contest", "“学习回信精神·践行初心使命”主题演讲比赛",
     D(2020, 5, 20), None, {"place": "省总工会机关"}),
    (HENAN, "直属单位党委", "training", "太极拳、八段锦培训班",
     D(2020, 5, 11), D(2020, 5, 29), {"place": "省总工会机关", "sessions": 2}),
    ("河南省财贸轻纺烟草工会", None, "selection", "机关“文明家庭”评选活动",
     D(2020, 5, 10), D(2020, 5, 28), {"awards": 4, "description": "评选出4个“文明家庭”。"}),
    ("河南省国防邮电工会", None, "online_quiz", "社会主义核心价值观线上答题活动",
     D(2020, 5, 6), D(2020, 5, 31), {"reach": 24000, "attendances": 7207,
      "description": "浏览量达2.4万余次，参与活动7207人次。"}),
    ("河南省煤矿工会", None, "publicity",
     "“文明旅游 礼行天下 我为文化旅游强省建设增光添彩”宣传教育活动",
     D(2020, 5, 18), D(2020, 5, 31), {"description": "营造了关注、参与和推动文明旅游的良好氛围。"}),
    # seed 001: 广元 2024
    ("广元市总工会", "组宣部", "preaching", "劳模（工匠）“六进”创新理论、先进事迹宣讲",
     D(2024, 1, 10), D(2024, 3, 15), {"sessions": 15, "description": "进企业、进车间、进班组、进社区、进机关、进校园，宣讲15场次。"}),
    ("广元市总工会", "组宣部", "publicity", "广元市2024年“书香集市 文化惠民”迎新春活动",
     D(2024, 2, 3), None, {}),
    ("广元市总工会", "机关工会", "volunteer", "“敲门行动”“红色星期六”志愿服务活动",
     D(2024, 1, 6), D(2024, 3, 16), {"sessions": 5, "participants": 40,
      "description": "近40名党员干部职工深入乡村、社区、街道、包联居民楼，开展志愿服务活动5场次。"}),
    # seed 004: 娄底 2016
    ("娄底市总工会", "创文办", "volunteer", "“温暖回家路”志愿活动",
     D(2016, 1, 20), D(2016, 2, 5), {"items": 700, "items_unit": "张",
      "description": "帮扶困难农民工解决火车票近700张。"}),
    ("娄底市总工会", "创文办", "volunteer", "社区志愿帮扶（七个志愿帮扶小组）",
     D(2016, 11, 15), D(2016, 12, 31), {"sessions": 7, "money": Decimal("160000"),
      "place": "小花社区、黄泥塘社区", "description": "七名党组成员分为七个小组，率机关干部职工深入社区开展慰问帮扶和卫生清扫；为社区筹集发放帮扶资金16万余元。"}),
    ("娄底市总工会", "组宣部", "contest", "“中国梦·劳动美”娄底首届电视演唱大赛",
     D(2016, 4, 28), None, {}),
]  # fmt: skip


def load(ctx) -> None:
    types = {t.code: t for t in ActivityType.objects.all()}
    by = ctx.users["admin"]
    for org_name, dept_name, code, title, start, end, extra in SEEDED:
        services.create_activity(
            by=by,
            organization=ctx.org(org_name),
            department=ctx.dept(org_name, dept_name) if dept_name else None,
            activity_type=types[code],
            title=title,
            start_date=start,
            end_date=end,
            **extra,
        )
    # The grassroots unions' own activities, so lists and charts have something to show.
    generate_activities(
        count=600, rng=ctx.rng, kind=Organization.Kind.GRASSROOTS, first_day=D(2020, 1, 1), days=366
    )
    # And the twelve months up to the day the demo is loaded, so the leader's dashboard and the
    # big screen have this month's and this year's work to show. A generator of their own keeps
    # the random draws of the rest of the demo (and the seeds' figures) as they were.
    today = timezone.localdate()
    generate_activities(
        count=600,
        rng=random.Random(20260101),
        kind=Organization.Kind.GRASSROOTS,
        first_day=today - dt.timedelta(days=364),
        days=365,
    )
    ctx.notes.append(f"活动：种子文档中的 {len(SEEDED)} 项，另生成 2020 年 600 项、近一年 600 项")
