"""Campaign pages, the look-back export and API lists cost as many queries with 2n tasks,
units or campaigns as with n."""

import pytest
from django.urls import reverse

from gonghui.campaigns import services
from gonghui.testing import assert_constant_queries

from .factories import assign_basic_work, campaigns_with_tasks, indicator, tasks_in_new_units


def test_campaign_list(fed, client_for):
    client = client_for(fed.province_admin)
    assert_constant_queries(client, reverse("campaigns:list"), campaigns_with_tasks(fed), most=16)


def test_my_tasks(fed, client_for):
    client = client_for(fed.liaison)
    assert_constant_queries(
        client, reverse("campaigns:my_tasks"), campaigns_with_tasks(fed), most=16
    )


def test_campaign_detail(fed, campaign, client_for):
    url = reverse("campaigns:detail", args=[campaign.pk])
    more = tasks_in_new_units(fed, campaign)
    assert_constant_queries(client_for(fed.province_admin), url, more, most=16)


@pytest.mark.parametrize(
    "params",
    [{}, {"page": 2}, {"status": "overdue"}, {"q": "01"}],
    ids=["first", "page-2", "overdue", "search"],
)
def test_lookback_page(fed, campaign, client_for, params):
    url = reverse("campaigns:lookback", args=[campaign.pk])
    # 100 rows a page: the second page needs more than a page of tasks before the units.
    if params.get("page"):
        tasks_in_new_units(fed, campaign)(range(100, 150))
    more = tasks_in_new_units(fed, campaign)
    assert_constant_queries(client_for(fed.province_admin), url, more, params=params, most=13)


@pytest.mark.parametrize("unit", ["department", "organization"])
def test_lookback_page_of_one_unit(fed, campaign, client_for, unit):
    """Filtered to one department or one unit: one more of its indicators, the same queries."""
    leaves = [("01.01", "年度计划"), ("01.02", "活动照片"), ("02", "志愿服务")]
    where = {"department": fed.basic_work_dept, "organization": fed.zhengzhou}[unit]

    def more(indices):
        chosen = leaves[indices.start : indices.stop]
        services.assign(
            by=fed.province_admin,
            campaign=campaign,
            indicators=[indicator(campaign, code) for code, _name in chosen],
            **{f"{unit}s": [where]},
        )
        return [name for _code, name in chosen]

    url = reverse("campaigns:lookback", args=[campaign.pk])
    params = (
        {"dept": where.pk, "status": "not_started"} if unit == "department" else {"org": where.pk}
    )
    assert_constant_queries(client_for(fed.province_admin), url, more, params=params, n=1, most=13)


def test_lookback_export(fed, campaign, client_for):
    url = reverse("campaigns:lookback_export", args=[campaign.pk])
    more = tasks_in_new_units(fed, campaign)
    assert_constant_queries(client_for(fed.province_admin), url, more, most=9)


@pytest.mark.parametrize("what", ["lookback", "assignments"])
def test_lookback_and_assignment_api(fed, campaign, client_for, what):
    url = f"/api/v1/campaigns/{campaign.pk}/{what}"
    more = tasks_in_new_units(fed, campaign)
    assert_constant_queries(client_for(fed.province_admin), url, more, most=9)


def test_score_page(fed, campaign, client_for):
    url = reverse("campaigns:score", args=[campaign.pk])
    more = tasks_in_new_units(fed, campaign, codes=("01.01",))
    assert_constant_queries(client_for(fed.province_admin), url, more, most=17)


def test_score_page_of_a_department(fed, campaign, client_for):
    """A liaison sees the department's share: one more of its tasks, the same queries."""

    def more(indices):
        for code in ("01.01", "01.02", "02")[indices.start : indices.stop]:
            assign_basic_work(fed, campaign, code)
        return [fed.basic_work_dept.name]

    url = reverse("campaigns:score", args=[campaign.pk])
    assert_constant_queries(client_for(fed.liaison), url, more, n=1, most=17)
