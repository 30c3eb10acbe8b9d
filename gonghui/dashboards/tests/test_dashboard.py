"""The leader dashboard: campaign progress and service figures as of a date, each equal to the
list it links to, per persona and scope; nothing of 河南 for an outsider; tables to Excel."""

import datetime as dt
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from openpyxl import load_workbook

from gonghui.activities import exports as activity_exports
from gonghui.activities import selectors as activity_selectors
from gonghui.activities.tests.factories import make_activity
from gonghui.campaigns import services as campaign_services
from gonghui.campaigns.tests.factories import indicator, make_campaign, tasks_in_new_units
from gonghui.dashboards import selectors
from gonghui.organizations.models import Organization
from gonghui.testing import make_org

AS_OF = dt.date(2020, 10, 15)  # after every deadline, so "overdue" is the same as today


def counts(html: str) -> dict[str, tuple[int, str]]:
    found = re.findall(
        r'<a class="stat" href="([^"]*)" data-count="(\w+)" data-value="(\d+)"', html
    )
    return {key: (int(value), unescape(url)) for url, key, value in found}


def figures(html: str) -> dict[str, tuple[str, str]]:
    found = re.findall(r'href="([^"]*)" data-figure="([\w.]+)" data-value="([^"]*)"', html)
    return {key: (value, unescape(url)) for url, key, value in found}


def rows_on(client, url: str) -> int:
    """The tasks a 回头看 page lists (each row links to its ledger task)."""
    html = client.get(url).content.decode()
    return len(re.findall(r'<a href="/ledger/tasks/\d+/">', html))


@pytest.fixture
def campaign(fed):
    campaign = make_campaign(fed)
    campaign_services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01.01"), indicator(campaign, "01.02")],
        departments=[fed.basic_work_dept],
        liaison=fed.liaison,
        deadline=dt.date(2020, 6, 30),
    )
    campaign_services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "02")],
        departments=[fed.publicity_dept],
        deadline=dt.date(2020, 9, 30),
    )
    tasks_in_new_units(fed, campaign, codes=("01.01",), deadline=dt.date(2020, 6, 1))(range(2))
    return campaign


@pytest.mark.parametrize("persona", ["province_admin", "liaison", "leader"])
def test_every_progress_count_equals_the_lookback_rows_it_links_to(client, fed, campaign, persona):
    user = getattr(fed, persona)
    client.force_login(user)
    html = client.get(f"/?as_of={AS_OF}&campaign={campaign.pk}").content.decode()
    found = counts(html)
    assert found["total"][0] > 0
    for key, (value, url) in found.items():
        assert url.startswith(f"/campaigns/{campaign.pk}/lookback/"), key
        assert rows_on(client, url) == value, (persona, key)


def test_the_liaison_sees_only_their_department_and_their_tasks_first(client, fed, campaign):
    client.force_login(fed.liaison)
    html = client.get(f"/?as_of={AS_OF}").content.decode()
    assert counts(html)["total"][0] == 2
    assert html.index('id="my-tasks"') < html.index('id="service-figures"')
    client.force_login(fed.province_admin)
    html = client.get(f"/?as_of={AS_OF}").content.decode()
    assert counts(html)["total"][0] == 5
    assert 'id="my-tasks"' not in html or html.index('id="my-tasks"') > html.index('id="monthly"')


def test_overdue_and_by_unit_follow_the_as_of_date(client, fed, campaign):
    client.force_login(fed.province_admin)
    before = counts(client.get("/?as_of=2020-05-01").content.decode())
    after = counts(client.get("/?as_of=2020-07-01").content.decode())
    assert before["overdue"][0] == 0
    assert after["overdue"][0] == 4  # two department tasks due 30 June, two unit tasks due 1 June


def test_the_activity_figures_equal_the_activity_list_they_link_to(client, fed):
    for day in (dt.date(2020, 5, 3), dt.date(2020, 5, 28), dt.date(2020, 6, 2)):
        make_activity(fed.province_admin, organization=fed.zhengzhou, start=day, attendances=10)
    make_activity(fed.sysadmin, organization=fed.loudi, start=dt.date(2020, 5, 9))
    for persona, expected in (("province_admin", 2), ("city_admin", 2), ("outsider", 0)):
        user = getattr(fed, persona)
        client.force_login(user)
        found = figures(client.get("/?as_of=2020-05-20").content.decode())
        value, url = found["activities.count"]
        params = QueryDict(urlsplit(url).query)
        listed = activity_selectors.activities_for_user(
            user, activity_exports.filters(user, params)
        ).count()
        assert int(value) == listed == expected, persona
        assert int(found["activities.attendances"][0]) == 10 * expected


def test_the_outsiders_dashboard_holds_nothing_of_henan(client, fed, campaign):
    make_activity(fed.province_admin, organization=fed.zhengzhou, start=dt.date(2020, 7, 3))
    client.force_login(fed.outsider)
    html = client.get(f"/?as_of={AS_OF}").content.decode()
    for text in ("河南", "郑州", "基层工作部", "宣传教育部", campaign.name):
        assert text not in html
    assert 'id="campaign-progress"' not in html
    # Counts are 0; a rate with nothing to divide by (satisfaction, on-time share) is empty.
    assert all(value in ("0", "0.0", "") for value, _url in figures(html).values())
    # A campaign id from the request is resolved through the scope, never shown.
    html = client.get(f"/?as_of={AS_OF}&campaign={campaign.pk}").content.decode()
    assert campaign.name not in html


def test_each_dashboard_table_exports_to_excel_with_the_page_rows(client, fed, campaign):
    client.force_login(fed.province_admin)
    for table, expected in (("units", 4), ("groups", 2), ("overdue", 4), ("monthly", 4)):
        response = client.get(f"/dashboard/export/{table}/?as_of=2020-07-01")
        assert response.status_code == 200, table
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row - 1 == expected, table
    response = client.get("/dashboard/export/figures/?as_of=2020-07-01")
    sheet = load_workbook(io.BytesIO(response.content)).active
    labels = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "开展活动" in labels


def test_the_figures_api_answers_within_the_callers_scope(client, fed):
    make_activity(fed.province_admin, organization=fed.zhengzhou, start=dt.date(2020, 5, 3))
    client.force_login(fed.city_admin)
    body = client.get("/api/v1/dashboards/figures?as_of=2020-05-20").json()
    values = {f["key"]: f["value"] for f in body["figures"]}
    assert values["activities.count"] == 1
    assert body["start"] == "2020-05-01" and body["end"] == "2020-05-31"
    client.force_login(fed.outsider)
    body = client.get("/api/v1/dashboards/figures?as_of=2020-05-20").json()
    assert {f["key"]: f["value"] for f in body["figures"]}["activities.count"] == 0


def test_the_progress_api_does_not_show_a_campaign_out_of_scope(client, fed, campaign):
    client.force_login(fed.outsider)
    body = client.get(f"/api/v1/dashboards/progress?campaign_id={campaign.pk}").json()
    assert body["campaign_id"] is None and body["total"] == 0
    client.force_login(fed.province_admin)
    body = client.get(f"/api/v1/dashboards/progress?campaign_id={campaign.pk}&as_of=2020-07-01")
    assert body.json()["overdue"] == 4


def test_links_keep_the_chosen_period(client, fed):
    client.force_login(fed.province_admin)
    html = client.get("/?as_of=2020-05-20&span=year").content.decode()
    _value, url = figures(html)["activities.count"]
    assert parse_qs(urlsplit(url).query) == {"from": ["2020-01-01"], "to": ["2020-12-31"]}


def test_the_big_screen_keeps_a_chosen_as_of_date_and_colours_cities_by_the_chosen_figure(
    client, fed
):
    from gonghui.stations.tests.factories import make_station

    make_activity(fed.province_admin, organization=fed.zhengzhou, start=dt.date(2020, 5, 3))
    make_station(fed.jinshui)
    make_station(fed.jinshui)
    make_station(fed.zhengzhou, status="planned")  # not in operation
    make_station(fed.loudi)  # another province
    client.force_login(fed.province_admin)
    response = client.get("/screen/?as_of=2020-06-30")
    html = response.content.decode()
    assert 'data-as-of="2020-06-30"' in html and 'value="2020-06-30"' in html
    assert {r["code"]: r["value"] for r in response.context["screen"].regions}["410100"] == 1
    # Today's year holds no activity; a date in the future is not a choice (today instead).
    response = client.get("/screen/?as_of=2999-01-01")
    assert 'data-as-of=""' in response.content.decode()
    assert response.context["screen"].as_of == dt.date.today()
    # The map coloured by stations in operation, the same through the API the page refreshes from.
    response = client.get("/screen/?figure=stations")
    assert [(r["code"], r["value"]) for r in response.context["screen"].regions] == [("410100", 2)]
    body = client.get("/api/v1/dashboards/screen?figure=stations&as_of=2020-06-30").json()
    assert [(r["code"], r["value"]) for r in body["regions"]] == [("410100", 2)]


def test_the_dashboard_shows_every_figure_the_apps_offer(client, fed):
    """Figures come from each app's figures.py: an app that adds one needs no dashboard change."""
    from gonghui.core.figures import all_figures

    keys = {f.key for f in all_figures()}
    assert {key.split(".")[0] for key in keys} >= {
        "activities",
        "wishes",
        "volunteering",
        "assistance",
        "honours",
        "surveys",
        "demands",
        "stations",
    }
    client.force_login(fed.province_admin)
    shown = set(figures(client.get(f"/?as_of={AS_OF}").content.decode()))
    # The people group (organisations, members, volunteers …) is the page's counters row.
    services = {f.key for f in all_figures() if f.group != "people"}
    assert services and services - shown == set()


def test_the_big_screen_shows_its_key_totals_in_their_order(client, fed):
    from gonghui.dashboards.selectors import SCREEN_TOTALS

    client.force_login(fed.province_admin)
    totals = client.get("/screen/").context["screen"].totals
    keys = [f.key for f in totals]
    assert keys == [key for key in SCREEN_TOTALS if key in keys]
    assert 10 <= len(keys) <= 18 and "activities.count" in keys and "stations.total" in keys


def test_the_big_screen_counts_per_city_equal_the_activity_list_of_each_city(client, fed):
    """Each city's figure is the activity list of its subtree over the screen's period (1 January
    to the as-of date): the edge month counts only up to the as-of day."""
    luoyang = make_org(
        "洛阳市总工会", parent=fed.henan, kind=Organization.Kind.CITY, region_code="410300"
    )
    for org, day in (
        (fed.zhengzhou, dt.date(2020, 1, 1)),
        (fed.jinshui, dt.date(2020, 5, 3)),
        (fed.grassroots, dt.date(2020, 5, 26)),  # the as-of day itself
        (fed.grassroots, dt.date(2020, 5, 27)),  # after the as-of day, same month
        (fed.zhengzhou, dt.date(2019, 12, 31)),  # the year before
        (luoyang, dt.date(2020, 3, 15)),
        (fed.loudi, dt.date(2020, 5, 9)),  # another province
    ):
        make_activity(fed.sysadmin, organization=org, start=day)
    as_of = dt.date(2020, 5, 26)
    for persona, organization in (("province_admin", None), ("sysadmin", fed.henan)):
        user = getattr(fed, persona)
        data = selectors.screen(user, organization=organization, as_of=as_of)
        by_code = {r["code"]: r["value"] for r in data.regions}
        assert by_code == {"410100": 3, "410300": 1}, persona
        for city in (fed.zhengzhou, luoyang):
            listed = activity_selectors.activities_for_user(
                user,
                activity_selectors.ActivityFilter(
                    organization=city, date_from=data.period.start, date_to=data.period.end
                ),
            ).count()
            assert by_code[city.region_code] == listed, (persona, city.name)
    client.force_login(fed.province_admin)
    body = client.get("/api/v1/dashboards/screen?as_of=2020-05-26").json()
    assert {r["code"]: r["value"] for r in body["regions"]} == {"410100": 3, "410300": 1}


def test_the_big_screen_lists_the_newest_activities_up_to_the_as_of_day(fed):
    """The rolling list is the activity list's newest rows up to the as-of day: none after it,
    even in the as-of month that the list reads whole."""
    days = [dt.date(2020, 4, d) for d in range(1, 29)] + [dt.date(2020, 5, d) for d in range(1, 32)]
    for n, day in enumerate(days):
        make_activity(fed.sysadmin, organization=fed.grassroots, start=day, title=f"活动{n:02d}")
    for as_of in (dt.date(2020, 5, 26), dt.date(2020, 5, 31), dt.date(2020, 4, 10)):
        shown = selectors.screen(fed.province_admin, as_of=as_of).activities
        listed = activity_selectors.activities_for_user(
            fed.province_admin, activity_selectors.ActivityFilter(date_to=as_of)
        )[:20]
        assert [a["title"] for a in shown] == [a.title for a in listed], as_of
        assert max(a["date"] for a in shown) == as_of.isoformat()
