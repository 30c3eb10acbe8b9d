"""The Word results report (.docx) in the 公文 layout of `gonghui.core.officedocs`: the basic
figures, the ranking table and the findings. Rows are gathered through selectors."""

from django.utils import timezone

from . import selectors


def results_report(survey) -> bytes:
    # python-docx loads only when a report is asked for, not with every page of the app.
    from gonghui.core.officedocs import OfficeDocument

    ranking = selectors.satisfaction_ranking(survey)
    stats_total = selectors.counts(survey).get((0, "", "", ""), 0)
    summary = selectors.rectification_summary(survey)
    doc = OfficeDocument()
    doc.title(f"{survey.title}结果报告")
    doc.heading("一、基本情况")
    doc.paragraph(
        f"本次测评共收回有效问卷{stats_total}份，测评对象{len(ranking)}个。满意率按"
        "（满意+基本满意）÷有效答卷计算，“不了解”不计入有效答卷。"
    )
    doc.heading("二、满意率排名")
    doc.table(
        ["名次", "测评对象", "有效答卷", "满意率（%）"],
        [
            [
                score.rank,
                score.name,
                score.counted,
                "—" if score.rate is None else f"{score.rate:.2f}",
            ]
            for score in ranking
        ],
    )
    doc.heading("三、发现的问题和整改情况")
    doc.paragraph(
        f"梳理问题{summary['problems']}个，成立专项督察组{summary['groups']}个，"
        f"交办整改任务{summary['tasks']}项。"
        + "，".join(f"{label}{n}个" for label, n in summary["stages"])
        + "。"
    )
    for problem in selectors.problems(survey)[:100]:
        target = f"（{problem.target.name}）" if problem.target else ""
        doc.paragraph(f"{problem.pk}. {problem.title}{target}——{problem.get_stage_display()}")
    if survey.results_summary:
        doc.heading("四、结论")
        doc.paragraph(survey.results_summary)
    today = timezone.localdate()
    doc.signature(f"{today.year}年{today.month}月{today.day}日")
    return doc.to_bytes()
