"""Staff pages: scoped list, detail with audited reveal, verbs, statistics and export."""

import datetime as dt

from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.testing import assert_constant_queries, make_org
from gonghui.wishes.models import Wish
from gonghui.wishes.workflow import Status

from .factories import make_wish, wishes_in_new_units


def test_list_is_scoped_and_masked(fed, client_for):
    for n in range(25):
        make_wish(fed.grassroots, Status.PUBLISHED, title=f"郑州心愿{n}")
    make_wish(fed.loudi_grassroots, Status.PUBLISHED, title="娄底心愿")
    client = client_for(fed.province_admin)
    response = client.get("/wishes/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "郑州心愿" in html and "娄底心愿" not in html
    assert "王**" in html and "王秀英" not in html


def test_list_queries_do_not_grow_with_wishes(fed, client_for):
    assert_constant_queries(
        client_for(fed.province_admin), "/wishes/", wishes_in_new_units(fed), most=8
    )


def test_export_queries_do_not_grow_with_wishes(fed, client_for):
    client = client_for(fed.province_admin)
    assert_constant_queries(client, "/wishes/export/", wishes_in_new_units(fed))


def test_statistics_queries_do_not_grow_with_cities(fed, client_for):
    def more(indices):
        shown = []
        for i in indices:
            city = make_org(f"第{i}市总工会", parent=fed.henan, kind="city")
            make_wish(city, Status.PUBLISHED)
            make_wish(
                city, Status.CLAIMED, claimant_kind="agency_staff", claimant_organization=city
            )
            shown.append(city.name)
        return shown

    assert_constant_queries(client_for(fed.province_admin), "/wishes/statistics/", more, most=9)


def test_outsider_sees_nothing(fed, client_for):
    make_wish(fed.grassroots, Status.PUBLISHED, title="郑州心愿")
    client = client_for(fed.outsider)
    html = client.get("/wishes/").content.decode()
    assert "郑州心愿" not in html
    assert "共 0 个心愿" in html
    wish = Wish.objects.get()
    assert client.get(f"/wishes/{wish.pk}/").status_code == 404
    assert client.post(f"/wishes/{wish.pk}/withdraw/", {"note": "x"}).status_code == 404
    stats = client.get("/wishes/statistics/").context["stats"]
    assert stats.totals.published == 0


def test_login_required(client, db):
    assert client.get("/wishes/").status_code == 302


def test_detail_masks_and_reveal_is_audited(fed, client_for):
    wish = make_wish(fed.grassroots, Status.CLAIMED)
    officer = client_for(fed.officer)
    html = officer.get(f"/wishes/{wish.pk}/").content.decode()
    assert "139****5678" in html and "13912345678" not in html
    assert "长期透析" not in html
    revealed = officer.post(f"/wishes/{wish.pk}/reveal/").content.decode()
    assert "13912345678" in revealed and "13700001111" in revealed and "长期透析" in revealed
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.VIEW_SENSITIVE, target_id=str(wish.pk)
    ).exists()


def test_reveal_needs_the_permission(fed, client_for):
    wish = make_wish(fed.grassroots, Status.CLAIMED)
    assert client_for(fed.leader).post(f"/wishes/{wish.pk}/reveal/").status_code == 403


def test_collect_vet_publish_through_the_pages(fed, client_for):
    client = client_for(fed.province_admin)
    response = client.post(
        "/wishes/new/",
        {
            "organization": fed.grassroots.pk,
            "title": "一台电暖器",
            "category": "living",
            "amount_band": "le300",
            "worker_name": "赵桂芝",
            "collected_date": "2020-05-10",
            "is_home_visit": "on",
        },
    )
    wish = Wish.objects.get(title="一台电暖器")
    assert response.status_code == 302
    client.post(f"/wishes/{wish.pk}/vet/", {"note": "情况属实"})
    client.post(f"/wishes/{wish.pk}/publish/")
    wish.refresh_from_db()
    assert wish.status == Status.PUBLISHED
    html = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert "情况属实" in html and "发布" in html


def test_refused_verb_shows_message(fed, client_for):
    wish = make_wish(fed.grassroots, Status.COLLECTED)
    response = client_for(fed.province_admin).post(f"/wishes/{wish.pk}/publish/", follow=True)
    assert "不能执行“发布”" in response.content.decode()


def test_statistics_by_subtree_and_period(fed, client_for):
    tz = timezone.get_current_timezone()
    may = dt.datetime(2020, 5, 10, 10, tzinfo=tz)
    april = dt.datetime(2020, 4, 10, 10, tzinfo=tz)
    make_wish(fed.grassroots, Status.PUBLISHED, published_at=may)
    make_wish(fed.grassroots, Status.PUBLISHED, published_at=april)
    make_wish(
        fed.grassroots,
        Status.CLAIMED,
        published_at=april,
        claimed_at=may,
        claimant_kind="agency_staff",
        claimant_organization=fed.henan,
    )
    make_wish(fed.loudi_grassroots, Status.PUBLISHED, published_at=may)
    client = client_for(fed.province_admin)
    response = client.get("/wishes/statistics/?start=2020-05-01&end=2020-05-26")
    stats = response.context["stats"]
    assert (stats.totals.published, stats.totals.claimed, stats.totals.agency_own) == (1, 1, 1)
    all_time = client.get("/wishes/statistics/").context["stats"]
    assert (all_time.totals.published, all_time.totals.claimed) == (3, 1)
    assert [(org.name, f.published) for org, f in all_time.rows] == [("郑州市总工会", 3)]
    assert "目前全省困难职工已发布微心愿3个，爱心人士认领1个，其中省总工会机关干部职工认领1个" in (
        response.content.decode() + all_time.sentence
    )


def test_export_is_masked_unless_permitted(fed, client_for):
    make_wish(fed.grassroots, Status.CLAIMED)
    response = client_for(fed.province_admin).get("/wishes/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for(fed.province_admin).get("/wishes/export/?unmasked=1").status_code == 403
    assert client_for(fed.officer).get("/wishes/export/?unmasked=1").status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT_SENSITIVE).count() == 1
