"""A demo-like world on the test federation: one record of every kind the API and the pages
serve, all belonging to the 河南 subtree (the "victim" of the outsider in 娄底), built through the
apps' services and factories. Free-text fields carry MARK so a response that leaks them is found;
SECRETS are sensitive values that no page or API may show to anyone without the permission."""

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.accounts.models import ApiToken
from gonghui.activities.tests.factories import make_activity
from gonghui.campaigns.models import CampaignIndicator, FrameworkNode
from gonghui.campaigns.tests.factories import assign_basic_work, make_campaign, png_bytes
from gonghui.testing import Federation, app_test_modules, make_person, valid_id_number
from gonghui.wishes.tests.factories import make_wish
from gonghui.wishes.workflow import Status as WishStatus

MARK = "绝密七号"
VICTIM_ID_NUMBER = valid_id_number(777)
VICTIM_PHONE = "13977770777"
VICTIM_ADDRESS = "金水区纬五路七号院绝密楼"
VICTIM_HARDSHIP = "罹患罕见病绝密记录"
SECRETS = (VICTIM_ID_NUMBER, VICTIM_PHONE, VICTIM_ADDRESS, VICTIM_HARDSHIP)


@dataclass
class World:
    fed: Federation
    ids: dict[str, int] = field(default_factory=dict)


def build_world(fed: Federation) -> World:
    """Every kind of record, owned by the 河南 subtree; `ids` maps a kind to one record's id."""
    from gonghui.activities import services as activities
    from gonghui.ingest import services as ingest
    from gonghui.ingest.models import Proposal
    from gonghui.ledger import services as ledger
    from gonghui.ledger.models import LedgerExport
    from gonghui.volunteering import services as volunteering

    world = World(fed=fed)
    ids = world.ids
    ids["organization"] = fed.grassroots.pk
    ids["department"] = fed.basic_work_dept.pk
    ids["user"] = fed.liaison.pk

    person = make_person(
        fed.grassroots, name=f"{MARK}张", id_number=VICTIM_ID_NUMBER, phone=VICTIM_PHONE
    )
    ids["person"] = person.pk

    activity = make_activity(
        fed.province_admin,
        organization=fed.grassroots,
        title=f"{MARK}读书活动",
        description=f"{MARK}活动说明",
    )
    ids["activity"] = activity.pk
    photo = SimpleUploadedFile("photo.png", png_bytes(7), "image/png")
    made = activities.add_photos(by=fed.province_admin, activity=activity, uploads=[photo])
    ids["activity_photo"] = made[0].pk

    campaign = make_campaign(fed)
    campaign.name = f"{MARK}争创文明单位"
    campaign.save(update_fields=["name"])
    ids["campaign"] = campaign.pk
    ids["version"] = campaign.framework_version_id
    ids["node"] = FrameworkNode.objects.filter(version=campaign.framework_version_id).first().pk
    assignment = assign_basic_work(fed, campaign, "01.02")
    ids["assignment"] = assignment.pk
    ids["indicator"] = CampaignIndicator.objects.get(campaign=campaign, code="01.02").pk
    item = ledger.ensure_item(assignment=assignment, by=fed.liaison)
    ids["evidence"] = item.pk
    ledger.save_report(by=fed.liaison, item=item, report_text=f"{MARK}说明报告正文")
    ledger_upload = SimpleUploadedFile("证明.png", png_bytes(8), "image/png")
    ids["evidence_file"] = ledger.add_file(by=fed.liaison, item=item, upload=ledger_upload).pk
    ids["link"] = ledger.add_link(
        by=fed.liaison, item=item, url="https://example.org/news/7", title=f"{MARK}报道"
    ).pk
    report = ledger.save_monthly_report(
        by=fed.liaison,
        campaign=campaign,
        organization=fed.henan,
        department=fed.basic_work_dept,
        period="2020-05",
        summary=f"{MARK}月度汇报",
    )
    ledger.submit_monthly_report(by=fed.liaison, report=report)
    ids["monthly_report"] = report.pk
    export = LedgerExport.objects.create(campaign=campaign, requested_by=fed.province_admin)
    ids["export"] = export.pk

    wish = make_wish(
        fed.grassroots,
        WishStatus.PUBLISHED,
        title=f"{MARK}心愿",
        worker_name="王绝密",
        worker_phone=VICTIM_PHONE,
        worker_address=VICTIM_ADDRESS,
        hardship=VICTIM_HARDSHIP,
    )
    ids["wish"] = wish.pk
    ids["collected_wish"] = make_wish(
        fed.grassroots,
        WishStatus.COLLECTED,
        title=f"{MARK}待审心愿",
        worker_phone=VICTIM_PHONE,
        worker_address=VICTIM_ADDRESS,
        hardship=VICTIM_HARDSHIP,
    ).pk

    admin = fed.city_admin
    team = volunteering.create_team(
        by=admin, organization=fed.zhengzhou, name=f"{MARK}志愿服务队", kind="party"
    )
    ids["team"] = team.pk
    volunteer_person = make_person(fed.zhengzhou, name=f"{MARK}李", phone="13977770778")
    volunteer = volunteering.register_volunteer(by=admin, person=volunteer_person)
    volunteering.add_member(by=admin, team=team, volunteer=volunteer)
    ids["volunteer"] = volunteer.pk
    start = timezone.now() + dt.timedelta(days=2)
    event = volunteering.create_event(
        by=admin,
        organization=fed.zhengzhou,
        team=team,
        title=f"{MARK}红色星期六",
        start_at=start,
        end_at=start + dt.timedelta(hours=3),
        capacity=20,
        is_public=False,
    )
    ids["event"] = event.pk
    signup = volunteering.sign_up(by=admin, event=event, volunteer=volunteer)
    ids["signup"] = signup.pk
    hours = volunteering.record_hours(
        by=admin,
        volunteer=volunteer,
        team=team,
        hours=3,
        service_date=dt.date(2020, 5, 9),
        note=f"{MARK}服务记录",
    )
    ids["hours"] = hours.pk
    ids["pairing"] = volunteering.create_pairing(
        by=admin,
        organization=fed.zhengzhou,
        kind="liaison",
        community=f"{MARK}社区",
        since_date=dt.date(2020, 1, 1),
    ).pk
    visit = volunteering.create_visit(
        by=admin,
        organization=fed.zhengzhou,
        kind="knock",
        visit_date=dt.date(2020, 5, 2),
        community=f"{MARK}社区",
    )
    ids["visit"] = visit.pk
    ids["problem"] = volunteering.collect_problem(
        by=admin,
        organization=fed.zhengzhou,
        title=f"{MARK}楼道照明难题",
        collected_date=dt.date(2020, 5, 2),
        visit=visit,
    ).pk

    text = f"{MARK}简报\n2020年5月10日，郑州宏达机械有限公司工会组织职工读书活动，参加职工120人次。"
    document = ingest.ingest_document(
        by=fed.province_admin,
        upload=SimpleUploadedFile("简报.txt", text.encode("utf-8"), "text/plain"),
        organization=fed.grassroots,
    )
    ids["document"] = document.pk
    proposal = Proposal.objects.filter(document=document).first()
    ids["proposal"] = proposal.pk if proposal else 0

    if apps.is_installed("gonghui.exports"):
        SpreadsheetExport = apps.get_model("exports", "SpreadsheetExport")
        ids["spreadsheet_export"] = SpreadsheetExport.objects.create(
            key="people", title=f"{MARK}人员名单", requested_by=fed.province_admin
        ).pk

    if apps.is_installed("gonghui.stations"):
        from gonghui.stations.tests.factories import make_station

        ids["station"] = make_station(
            fed.grassroots,
            name=f"{MARK}驿站",
            contact_phone=VICTIM_PHONE,
            note=f"{MARK}内部备注",
        ).pk

    token, _key = ApiToken.generate(user=fed.province_admin, name=f"{MARK}令牌")
    ids["token"] = token.pk

    # Each app with a `tests/idor.py` adds its own victim records: `build(world)` fills
    # world.ids with its kinds (using MARK in free text and SECRETS for sensitive values).
    for module in app_test_modules("idor"):
        if hasattr(module, "build"):
            module.build(world)
    return world
