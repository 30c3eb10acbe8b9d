"""Results go public through the shared notice mechanism on the set date, and not before:
the ranking with satisfaction rates, the problems and their rectification, nothing of the
respondents; only the survey's own office may set the date."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.accounts.models import ApiToken
from gonghui.core.exceptions import InvalidTransition, PermissionDenied
from gonghui.core.models import AuditEntry
from gonghui.notices.models import Notice
from gonghui.surveys import services
from gonghui.surveys.models import Problem

from .factories import make_survey, questions

pytestmark = pytest.mark.django_db


def answered(fed):
    """公安 4 of 4 satisfied, 交通 2 of 3 counted (one 不了解), 医疗 0 of 3; a free text with a
    phone number that must never reach the public."""
    survey = make_survey(fed)
    scale, single, text = questions(survey)
    for n, grid in enumerate(["113", "134", "143", "113"]):
        services.submit_response(
            survey=survey,
            raw_answers={scale.key: grid, single.key: "1", text.key: f"找张三 13800138000 #{n}"},
            device_id=f"d{n}",
            identity="student",
        )
    _police, traffic, _health = survey.targets.order_by("sort_order")
    problem = services.record_problem(
        by=fed.province_admin, survey=survey, title="窗口排队时间长", target=traffic
    )
    services.record_problem(by=fed.province_admin, survey=survey, title="办事指南不清楚")
    Problem.objects.filter(pk=problem.pk).update(stage=Problem.Stage.RESOLVED)
    return survey


def bearer(user):
    _token, key = ApiToken.generate(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_nothing_is_public_before_the_date_and_the_notice_opens_on_it(fed, client):
    survey = answered(fed)
    today = timezone.localdate()
    services.schedule_results(
        by=fed.province_admin,
        survey=survey,
        publish_date=today + dt.timedelta(days=3),
        summary="感谢社会各界参与。",
    )
    assert not Notice.objects.exists()
    assert client.get(f"/surveys/results/{survey.pk}/").status_code == 404
    assert services.publish_due_results() == 0

    on_the_day = timezone.now() + dt.timedelta(days=3)
    assert services.publish_due_results(now=on_the_day) == 1
    assert services.publish_due_results(now=on_the_day) == 0  # once
    notice = Notice.objects.get()
    assert notice.status == "open" and notice.source_id == survey.pk
    survey.refresh_from_db()
    assert survey.results_published_at == on_the_day

    page = client.get(f"/surveys/results/{survey.pk}/", follow=True)
    assert page.redirect_chain[-1][0] == f"/notices/public/{notice.pk}/"
    html = page.content.decode()
    assert "测评结果公示" in html and "感谢社会各界参与" in html
    assert "13800138000" not in html and "张三" not in html and "学生" not in html
    assert ">姓名</th>" not in html  # a notice of units has no name column
    assert ">公安</td>" in html


def test_the_notice_ranks_the_targets_with_rates_problems_and_rectification(fed):
    survey = answered(fed)
    services.schedule_results(
        by=fed.province_admin, survey=survey, publish_date=timezone.localdate(), summary=""
    )
    notice = Notice.objects.get()
    lines = list(notice.entries.values_list("position", "unit", "detail", "masked_name"))
    assert [(p, u) for p, u, *_r in lines] == [(1, "公安"), (2, "交通"), (3, "医疗")]
    assert lines[0][2] == "满意率 100.00%（有效评价 4 项次）"
    assert lines[1][2] == "满意率 66.67%（有效评价 3 项次）；问题 1 个，已整改 1 个"
    assert lines[2][2] == "满意率 0.00%（有效评价 3 项次）"
    assert all(masked == "" for *_r, masked in lines)
    assert "共收回有效问卷 4 份" in notice.intro
    assert "测评梳理问题 2 个" in notice.intro and "已整改 1 个" in notice.intro
    assert "1. 窗口排队时间长（交通）：已整改" in notice.intro
    assert "2. 办事指南不清楚：已记录" in notice.intro
    assert "13800138000" not in notice.intro
    entry = AuditEntry.objects.filter(summary__startswith="测评结果已公示").get()
    assert entry.actor == fed.province_admin


def test_only_the_surveys_office_may_publish(fed):
    survey = answered(fed)
    for stranger in (fed.outsider, fed.city_admin, fed.grassroots_admin):
        with pytest.raises(PermissionDenied):
            services.schedule_results(
                by=stranger, survey=survey, publish_date=timezone.localdate(), summary=""
            )
    assert not Notice.objects.exists()
    survey.refresh_from_db()
    assert survey.results_publish_date is None


def test_the_date_is_fixed_once_published(fed):
    survey = answered(fed)
    today = timezone.localdate()
    services.schedule_results(by=fed.province_admin, survey=survey, publish_date=today, summary="")
    with pytest.raises(InvalidTransition):
        services.schedule_results(
            by=fed.province_admin, survey=survey, publish_date=today, summary="再发一次"
        )
    assert Notice.objects.count() == 1


def test_the_staff_page_previews_and_its_button_publishes(fed, client):
    survey = answered(fed)
    client.force_login(fed.province_admin)
    detail = client.get(f"/surveys/{survey.pk}/").content.decode()
    assert f'href="/surveys/{survey.pk}/results/"' in detail
    page = client.get(f"/surveys/{survey.pk}/results/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "公示内容预览" in html and "满意率 100.00%" in html and "13800138000" not in html
    response = client.post(
        f"/surveys/{survey.pk}/results/",
        {"publish_date": timezone.localdate().isoformat(), "summary": "结果如下。"},
        follow=True,
    )
    notice = Notice.objects.get()
    assert f"/notices/public/{notice.pk}/" in response.content.decode()
    client.force_login(fed.outsider)
    assert client.get(f"/surveys/{survey.pk}/results/").status_code == 404


def test_results_over_the_api(fed, client):
    survey = answered(fed)
    url = f"/api/v1/surveys/{survey.pk}/results"
    admin = bearer(fed.province_admin)
    before = client.get(url, **admin).json()
    assert before["notice_id"] is None and before["entries"][0] == {
        "rank": 1,
        "target": "公安",
        "detail": "满意率 100.00%（有效评价 4 项次）",
    }
    later = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    scheduled = client.post(
        url, {"publish_date": later}, content_type="application/json", **admin
    ).json()
    assert scheduled["publish_date"] == later and scheduled["notice_id"] is None
    refused = client.post(
        url,
        {"publish_date": timezone.localdate().isoformat()},
        content_type="application/json",
        **bearer(fed.outsider),
    )
    assert refused.status_code in (403, 404)
    assert not Notice.objects.exists()
    survey.results_publish_date = None
    survey.save(update_fields=["results_publish_date"])
    published = client.post(
        url,
        {"publish_date": timezone.localdate().isoformat(), "summary": "结果"},
        content_type="application/json",
        **admin,
    ).json()
    notice = Notice.objects.get()
    assert published["notice_id"] == notice.pk
    assert published["notice_url"].endswith(f"/notices/public/{notice.pk}/")
