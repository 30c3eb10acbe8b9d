"""Writes go through services that check, audit and refuse the same way for every caller: a
framework node edit, and the liaison of a 分工 whether chosen on the page, in the API or in code."""

import pytest
from django.urls import reverse

from gonghui.campaigns import frameworks, services
from gonghui.campaigns.models import Assignment, FrameworkNode, FrameworkVersion
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.models import AuditEntry
from gonghui.testing import make_user

from .factories import indicator, make_version

pytestmark = pytest.mark.django_db


def _fields(node, **changes) -> dict:
    fields = {
        "code": node.code,
        "name": node.name,
        "full_score": node.full_score,
        "methods": list(node.methods),
        "file_types": list(node.file_types),
    }
    return {**fields, **changes}


# --- framework node edit ----------------------------------------------------------------


def test_node_edit_saves_and_writes_an_audit_entry(fed):
    version = make_version()
    node = FrameworkNode.objects.get(version=version, code="01.01")
    services.update_node(by=fed.province_admin, node=node, **_fields(node, name="年度工作计划"))
    assert FrameworkNode.objects.get(pk=node.pk).name == "年度工作计划"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, target_id=str(version.pk))
    assert entry.actor == fed.province_admin and "年度工作计划" in entry.summary


def test_node_edit_of_a_version_used_by_a_campaign_is_refused(fed, campaign):
    node = FrameworkNode.objects.get(version=campaign.framework_version, code="01.01")
    with pytest.raises(ValidationFailed, match="已被创建活动使用"):
        services.update_node(by=fed.province_admin, node=node, **_fields(node, name="改名"))
    assert FrameworkNode.objects.get(pk=node.pk).name == "年度计划"
    assert not AuditEntry.objects.filter(summary__contains="修改指标").exists()


def test_node_edit_by_someone_without_the_framework_permission_is_refused(fed):
    node = FrameworkNode.objects.get(version=make_version(), code="01.01")
    with pytest.raises(PermissionDenied):
        services.update_node(by=fed.liaison, node=node, **_fields(node, name="改名"))
    assert FrameworkNode.objects.get(pk=node.pk).name == "年度计划"


def test_node_edit_refusing_a_duplicate_code_writes_nothing(fed):
    version = make_version()
    node = FrameworkNode.objects.get(version=version, code="01.01")
    with pytest.raises(ValidationFailed, match="已存在"):
        services.update_node(by=fed.province_admin, node=node, **_fields(node, code="01.02"))
    assert FrameworkNode.objects.get(pk=node.pk).code == "01.01"
    assert not AuditEntry.objects.filter(summary__contains="修改指标").exists()


def test_node_edit_page_saves_through_the_service(fed, client_for):
    version = make_version()
    node = FrameworkNode.objects.get(version=version, code="01.02")
    response = client_for(fed.province_admin).post(
        reverse("campaigns:node_edit", args=[node.pk]),
        {
            "code": "01.02",
            "name": "活动照片（含说明）",
            "full_score": "10",
            "min_photos": "2",
            "min_chars": "0",
            "max_chars": "0",
        },
    )
    assert response.status_code == 302
    assert FrameworkNode.objects.get(pk=node.pk).name == "活动照片（含说明）"
    assert AuditEntry.objects.filter(summary__contains="活动照片（含说明）").exists()


# --- the liaison of a task ---------------------------------------------------------------


def _assign(fed, campaign, liaison):
    return services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01.01")],
        departments=[fed.basic_work_dept],
        liaison=liaison,
    )


def test_a_liaison_account_below_the_campaign_organisation_may_be_named(fed, campaign):
    city_liaison = make_user("city_liaison", org=fed.zhengzhou, role=fed.roles["liaison"])
    assert _assign(fed, campaign, city_liaison)[0].liaison == city_liaison
    assert _assign(fed, campaign, fed.liaison)[0].liaison == fed.liaison


@pytest.mark.parametrize("who", ["other_province", "not_a_liaison", "inactive", "no_org"])
def test_the_service_refuses_a_liaison_outside_the_rule(fed, campaign, who):
    liaison = {
        "other_province": lambda: make_user("x", org=fed.loudi, role=fed.roles["liaison"]),
        "not_a_liaison": lambda: fed.leader,
        "inactive": lambda: make_user(
            "x", org=fed.henan, role=fed.roles["liaison"], is_active=False
        ),
        "no_org": lambda: make_user("x", role=fed.roles["liaison"]),
    }[who]()
    with pytest.raises(ValidationFailed) as refused:
        _assign(fed, campaign, liaison)
    assert refused.value.field == "liaison" and "联络员" in refused.value.message
    assert not Assignment.objects.exists()


def test_the_assign_page_shows_the_service_error_next_to_its_field(
    fed, campaign, client_for, monkeypatch
):
    """Whatever the picker lets through, the service has the last word, and the form shows its
    message beside the liaison field."""

    def refuse(campaign, liaison):
        raise ValidationFailed("联络员不符合要求", field="liaison")

    monkeypatch.setattr(services, "_check_liaison", refuse)
    response = client_for(fed.province_admin).post(
        reverse("campaigns:assign", args=[campaign.pk]),
        {
            "indicators": [str(indicator(campaign, "01.01").pk)],
            "departments": [str(fed.basic_work_dept.pk)],
            "liaison": str(fed.liaison.pk),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["liaison"] == ["联络员不符合要求"]
    assert not Assignment.objects.exists()


# --- records named in a request belong to the campaign or version in the address ----------


@pytest.mark.parametrize("value", ["abc", "999999", "other"])
def test_grading_an_indicator_not_of_this_campaign_is_not_found(fed, campaign, client_for, value):
    if value == "other":
        other = services.create_campaign(
            by=fed.province_admin,
            organization=fed.henan,
            version=make_version_copy(fed, campaign),
            name="另一个活动",
            kind=campaign.kind,
            year=2021,
            assessment_date=campaign.assessment_date,
        )
        value = str(indicator(other, "01.01").pk)
    response = client_for(fed.province_admin).post(
        reverse("campaigns:set_grade", args=[campaign.pk]), {"id": value, "grade": "A"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["abc", "999999"])
def test_an_occurrence_for_a_rule_not_of_this_campaign_is_not_found(
    fed, campaign, client_for, value
):
    response = client_for(fed.province_admin).post(
        reverse("campaigns:record_occurrence", args=[campaign.pk]),
        {"rule": value, "occurred_date": "2020-05-01"},
    )
    assert response.status_code == 404


def test_adding_under_a_parent_of_another_version_is_not_found(fed, client_for):
    version = make_version()
    other = services.copy_version(by=fed.province_admin, version=version, label="v2")
    parent = FrameworkNode.objects.get(version=other, code="01")
    response = client_for(fed.province_admin).get(
        reverse("campaigns:node_add", args=[version.pk]) + f"?parent={parent.pk}"
    )
    assert response.status_code == 404


def make_version_copy(fed, campaign):
    return services.copy_version(
        by=fed.province_admin, version=campaign.framework_version, label="v2"
    )


# --- several writes in one request are one transaction ------------------------------------


def test_loading_the_examples_is_all_or_nothing(fed, client_for, monkeypatch):
    real_import = frameworks.import_framework
    calls = []

    def fail_on_the_second(**kwargs):
        calls.append(kwargs["spec"]["framework"]["code"])
        if len(calls) == 2:
            raise ValidationFailed("第二个示例无法导入")
        return real_import(**kwargs)

    monkeypatch.setattr(frameworks, "import_framework", fail_on_the_second)
    with pytest.raises(ValidationFailed):
        frameworks.load_examples(by=fed.province_admin)
    assert len(calls) == 2 and not FrameworkVersion.objects.exists()
    monkeypatch.setattr(frameworks, "import_framework", real_import)
    response = client_for(fed.province_admin).post(reverse("campaigns:load_examples"))
    assert response.status_code == 302 and FrameworkVersion.objects.count() == 2
