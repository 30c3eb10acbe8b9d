"""Demo surveys from the seeds: 安徽's 第三次万人评行风 (seed 002: 30 targets, 17 city newspapers,
两会 delegates, students; 20 000 generated responses by default — `gonghui
generate_survey_responses` adds the full 510 000 — 49 problems, 3 inspection groups,
rectification in progress) and 河南省国防邮电工会's 社会主义核心价值观 quiz (seed 000: 7 207
participations, 2.4万 views)."""

import datetime as dt
import os

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.accounts.roles import ensure_roles
from gonghui.core.demodata import DEMO_PASSWORD

from . import services
from .generation import TARGETS, build_survey, generate_responses
from .models import Problem, Quiz, QuizAttempt
from .selectors import text_answers

DEMO_RESPONSES = int(os.environ.get("GONGHUI_SURVEYS_DEMO_RESPONSES", "20000"))
CATEGORIES = ["服务态度", "办事效率", "收费问题", "作风纪律", "便民措施", "执法规范", "信息公开"]
GROUPS = [
    ("第一专项督察组", "王建国", "省总工会、省纪委监委驻会纪检组、省人大代表 3 人", TARGETS[0:10]),
    ("第二专项督察组", "李红", "省总工会、省政协委员 2 人、新闻媒体记者", TARGETS[10:20]),
    ("第三专项督察组", "张明", "省总工会、职工代表 4 人", TARGETS[20:30]),
]
QUIZ_BANK = [
    ("社会主义核心价值观国家层面的价值目标是", ["富强、民主、文明、和谐", "自由、平等、公正、法治", "爱国、敬业、诚信、友善"], "A"),
    ("社会主义核心价值观社会层面的价值取向是", ["富强、民主、文明、和谐", "自由、平等、公正、法治", "爱国、敬业、诚信、友善"], "B"),
    ("社会主义核心价值观公民个人层面的价值准则是", ["富强、民主、文明、和谐", "自由、平等、公正、法治", "爱国、敬业、诚信、友善"], "C"),
    ("社会主义核心价值观共有多少个字", ["12", "24", "36"], "B"),
    ("“敬业”属于哪个层面的价值准则", ["国家", "社会", "公民个人"], "C"),
    ("“法治”属于哪个层面的价值取向", ["国家", "社会", "公民个人"], "B"),
    ("“和谐”属于哪个层面的价值目标", ["国家", "社会", "公民个人"], "A"),
    ("以下属于社会主义核心价值观的有（多选）", ["诚信", "友善", "奢华"], "AB"),
    ("培育和践行社会主义核心价值观要从哪里做起", ["娃娃抓起", "退休以后", "只靠宣传"], "A"),
    ("工会开展线上答题活动的主要目的是", ["学习宣传", "抽奖", "考勤"], "A"),
]  # fmt: skip
UNITS = ["省邮政分公司工会", "省电信公司工会", "省移动公司工会", "省联通公司工会", "省铁塔公司工会"]


def load(ctx) -> None:
    roles = ensure_roles()
    anhui = ctx.org("安徽省总工会")
    admin = ctx.users["admin"]
    clerk = User(username="luru", display_name="问卷录入员", organization=anhui)
    clerk.role = roles["data_entry"]
    clerk.set_password(DEMO_PASSWORD)
    clerk.save()
    ctx.users["luru"] = clerk
    anhui_admin = User(username="anhui", display_name="安徽省总工会问卷管理员", organization=anhui)
    anhui_admin.role = roles["campaign_admin"]
    anhui_admin.set_password(DEMO_PASSWORD)
    anhui_admin.save()
    ctx.users["anhui"] = anhui_admin

    survey = build_survey(by=admin, organization=anhui)
    generate_responses(survey, DEMO_RESPONSES, rng=ctx.rng)
    _findings(ctx, survey, admin)
    _quiz(ctx, admin)
    ctx.notes.append(
        f"问卷测评：安徽第三次万人评行风 {DEMO_RESPONSES} 份答卷（gonghui generate_survey_responses "
        "生成 51 万份），49 个问题、3 个督察组；账号 anhui（管理）、luru（录入员）；"
        "河南省国防邮电工会 社会主义核心价值观答题 7207 人次、浏览 2.4 万次"
    )


def _findings(ctx, survey, by) -> None:
    rng = ctx.rng
    targets = list(survey.targets.all())
    by_name = {t.name: t for t in targets}
    start = dt.date(2026, 9, 1)
    groups = []
    for name, leader, members, names in GROUPS:
        groups.append(
            services.create_group(
                by=by,
                survey=survey,
                name=name,
                leader=leader,
                members=members,
                target_ids=[by_name[n].pk for n in names],
                start_date=start,
                end_date=start + dt.timedelta(days=20),
            )
        )
    texts = list(text_answers(survey)[:49])
    for n in range(49):
        target = targets[(n * 7) % len(targets)]
        category = CATEGORIES[n % len(CATEGORIES)]
        problem = services.record_problem(
            by=by,
            survey=survey,
            title=f"{target.name}：{category}方面群众反映集中的问题（第 {n + 1} 项）",
            category=category,
            target=target,
            answer_ids=[texts[n].pk] if n < len(texts) else [],
        )
        group = groups[targets.index(target) // 10]
        services.assign_to_group(by=by, problems=[problem], group=group)
        if n < 40:
            task = services.assign_task(
                by=by,
                problem=problem,
                department=f"省{target.name}主管部门",
                deadline=timezone.localdate() + dt.timedelta(days=rng.randrange(10, 60)),
            )
            if n < 25:
                services.submit_task(by=by, task=task, measures="已制定整改方案，落实到人")
            if n < 15:
                services.approve_task(by=by, task=task, note="整改到位")
    for group in groups:
        services.save_findings(
            by=by, group=group, findings="实地暗访、查阅台账、召开座谈会，问题基本属实。"
        )
    services.schedule_results(
        by=by,
        survey=survey,
        publish_date=timezone.localdate() + dt.timedelta(days=30),
        summary="全省万人评行风结果及整改情况向社会公布。",
    )
    assert Problem.objects.filter(survey=survey).count() == 49


def _quiz(ctx, by) -> None:
    org = ctx.org("河南省国防邮电工会")
    quiz = services.create_quiz(
        by=by,
        organization=org,
        title="社会主义核心价值观线上答题活动",
        num_questions=5,
        time_limit_minutes=10,
        attempts_allowed=3,
    )
    for text, options, answer in QUIZ_BANK:
        services.add_quiz_question(by=by, quiz=quiz, text=text, options=options, answer=answer)
    services.publish_quiz(by=by, quiz=quiz)
    rng = ctx.rng
    ids = list(quiz.bank.values_list("pk", flat=True))
    now = timezone.now()
    attempts = []
    for n in range(7207):
        started = now - dt.timedelta(minutes=rng.randrange(60 * 24 * 30))
        attempts.append(
            QuizAttempt(
                quiz=quiz,
                name=f"职工{n % 2400:04d}",
                unit=UNITS[n % len(UNITS)],
                question_ids=rng.sample(ids, 5),
                score=rng.choice([60, 80, 80, 100, 100, 100]),
                started_at=started,
                finished_at=started + dt.timedelta(minutes=rng.randrange(2, 9)),
            )
        )
    QuizAttempt.objects.bulk_create(attempts, batch_size=2000)
    Quiz.objects.filter(pk=quiz.pk).update(num_attempts=7207, num_views=24163)
