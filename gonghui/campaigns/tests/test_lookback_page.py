"""回头看 and the overview as a user reads them: counts that add up, dated milestones, the tab."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from gonghui.campaigns import selectors, services
from gonghui.campaigns.models import Assignment, Progress

from .factories import indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks(fed, campaign):
    """Nine tasks due 2020-06-30: one per status, two of the rest complete, seen on 2020-07-01."""
    made = services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01"), indicator(campaign, "02")],
        departments=[fed.basic_work_dept, fed.publicity_dept],
        organizations=[fed.zhengzhou],
        deadline=dt.date(2020, 6, 30),
    )
    assert len(made) == 9
    for a, status in zip(
        made,
        [
            Progress.APPROVED,
            Progress.SUBMITTED,
            Progress.SUBMITTED,
            Progress.RETURNED,
            Progress.IN_PROGRESS,
            Progress.IN_PROGRESS,
        ],
        strict=False,
    ):
        Assignment.objects.filter(pk=a.pk).update(status=status)
    Assignment.objects.filter(pk__in=[made[0].pk, made[4].pk]).update(is_complete=True)
    return made


def _numbers(html: str, block_id: str) -> dict[str, int]:
    block = html.split(f'id="{block_id}"')[1].split("</div>\n</div>")[0]
    cards = re.findall(
        r'<div class="stat"(?: data-status="(\w+)")?><div class="num">([\d,]+)</div>', block
    )
    return {status or "total": int(n.replace(",", "")) for status, n in cards}


def test_progress_counts_partition_the_tasks(fed, campaign, tasks):
    summary = selectors.lookback_summary(campaign, fed.province_admin, today=dt.date(2020, 7, 1))
    parts = selectors.status_partition(summary)
    assert [p[0] for p in parts] == [
        "approved",
        "submitted",
        "returned",
        "in_progress",
        "not_started",
    ]
    assert [p[2] for p in parts] == [1, 2, 1, 2, 3]
    assert sum(p[2] for p in parts) == summary["total"] == 9
    # Overdue: past the deadline and not submitted (returned, in progress, not started).
    assert summary["overdue"] == 1 + 2 + 3


@pytest.mark.parametrize("name", ["campaigns:lookback", "campaigns:detail"])
def test_pages_show_counts_that_add_up_and_overdue_as_a_subset(
    fed, campaign, tasks, client_for, name
):
    html = client_for(fed.province_admin).get(reverse(name, args=[campaign.pk])).content.decode()
    numbers = _numbers(html, "progress")
    total = numbers.pop("total")
    assert total == 9 and sum(numbers.values()) == total
    assert set(numbers) == {"approved", "submitted", "returned", "in_progress", "not_started"}
    subsets = html.split('id="progress-subsets"')[1].split("</p>")[0]
    assert "其中" in subsets and "资料齐全 2 项" in subsets
    assert re.search(r"已逾期 \d+ 项", subsets)


def test_lookback_milestones_carry_the_year(fed, campaign, tasks, client_for):
    html = client_for(fed.province_admin).get(reverse("campaigns:lookback", args=[campaign.pk]))
    row = html.content.decode().split("<tbody>")[1].split("</tr>")[0]
    # Assessment 2020-11-30; 材料审核 items finish 10 days before, and so on backwards.
    dates = re.findall(r"\d{4}年\d{1,2}月\d{1,2}日", row)
    assert "2020年6月30日" in dates  # the deadline
    assert len(dates) == 4 and all(d.startswith("2020年") for d in dates)
    assert not re.search(r">\d{2}-\d{2}<", row)


@pytest.mark.parametrize(
    ("name", "current"),
    [
        ("campaigns:detail", "概况"),
        ("campaigns:lookback", "回头看 · 倒排工期"),
        ("campaigns:score", "评分"),
        ("campaigns:assign", "任务分工"),
    ],
)
def test_only_the_current_tab_is_highlighted(fed, campaign, client_for, name, current):
    html = client_for(fed.province_admin).get(reverse(name, args=[campaign.pk])).content.decode()
    nav = html.split('<nav class="toolbar"')[1].split("</nav>")[0]
    highlighted = re.findall(r'<a class="btn small" aria-current="page"[^>]*>([^<]+)</a>', nav)
    assert highlighted == [current]
    assert nav.count('class="btn small"') == 1
