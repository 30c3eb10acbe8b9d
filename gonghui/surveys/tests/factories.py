"""A small 万人评行风-shaped survey for tests: targets, one per-target rating item, a choice,
a text question, two channels; opened for answers."""

from gonghui.surveys import services


def make_survey(fed, *, targets=("公安", "交通", "医疗"), by=None, organization=None, open=True):
    by = by or fed.province_admin
    survey = services.create_survey(
        by=by,
        organization=organization or fed.henan,
        title="测试万人评行风",
        targets=list(targets),
        max_per_device=1,
    )
    services.add_question(
        by=by, survey=survey, kind="scale", text="服务态度", is_per_target=True, section="测评"
    )
    services.add_question(
        by=by,
        survey=survey,
        kind="single",
        text="您了解本次活动的途径",
        options=["报纸", "网络", "其他"],
        is_required=False,
    )
    services.add_question(by=by, survey=survey, kind="text", text="意见建议", is_required=False)
    services.add_channel(by=by, survey=survey, kind="newspaper", name="合肥晚报", code="hf")
    if open:
        services.publish_survey(by=by, survey=survey)
    survey.refresh_from_db()
    return survey


def questions(survey):
    scale, single, text = list(survey.questions.order_by("sort_order"))[:3]
    return scale, single, text
