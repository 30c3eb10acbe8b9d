"""The review page as a reviewer uses it: normalised text beside the facts, clean proposal
names, labelled metrics, a scoped department choice, duplicate warnings, and a ledger
proposal that files the document as evidence."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.ingest import proposals, services
from gonghui.ingest.models import Proposal

REPORT = (
    "省总工会机关召开5月份争创全国文明单位工作汇报会\n时间:2020-06-03\n"
    "基层工作部组织开展爱心捐书志(zhì)愿服务活动,共计收到捐款5880元、捐书672本;"
    "女职工部组织开展春季运動会,设7个比赛项目,参与干部职工422人次。\n"
    "各级工会举办技能培训班22期,培训职工1500多人,其中农民工326人。"
)


def ingest(fed, text=REPORT, *, by=None, organization=None, name="report.txt"):
    upload = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")
    return services.ingest_document(
        by=by or fed.province_admin, upload=upload, organization=organization or fed.henan
    )


def review_html(client, document) -> str:
    response = client.get(reverse("ingest:review", args=[document.pk]))
    assert response.status_code == 200
    return response.content.decode()


# --- normalised text beside the facts --------------------------------------------------------


def test_page_shows_the_normalised_text_with_each_fact_marked(fed, client_for):
    document = ingest(fed)
    html = review_html(client_for(fed.province_admin), document)
    text_panel = html.split('aria-label="规范化后的正文"', 1)[1].split("</section>", 1)[0]
    assert "运动会" in text_panel and "運動會" not in text_panel
    assert "(zhì)" not in html
    # Every fact is marked in the text, numbered as in the fact table, linked both ways.
    for number, fact in enumerate(document.facts, start=1):
        assert f'<mark id="t{number}"><a href="#f{number}"' in text_panel
        assert f">{fact['quote']}</a><sup>{number}</sup></mark>" in text_panel
        assert f'<tr id="f{number}"><td><a href="#t{number}">' in html


# --- clean names ------------------------------------------------------------------------------


def test_proposals_are_named_by_the_activity_not_a_clipped_sentence(fed):
    document = ingest(fed)
    titles = dict(
        document.proposals.filter(kind="activity").values_list("activity_type_code", "title")
    )
    assert titles == {
        "reading": "爱心捐书志愿服务活动",
        "sports": "春季运动会",
        "training": "技能培训班",
    }


@pytest.mark.parametrize(
    ("sentence", "code", "title"),
    [
        ("劳动和经济工作部组织开展省总机关第二期“道德讲堂”,邀请3位先进人物", "moral_forum",
         "省总机关第二期“道德讲堂”"),
        ("为 115名特困劳动模范发放专项补助费57万元", "condolence", "为特困劳动模范发放专项补助费"),
        ("各级工会走访慰问困难企业126家,发放慰问金137万多元", "condolence", "走访慰问困难企业"),
        ("·8”前选树四川省五一巾帼标兵岗(标兵)各3个", "selection", "评选表彰"),
        ("活动中还为困难职工发放慰问金38.6万元。", "condolence", "为困难职工发放慰问金"),
    ],
)  # fmt: skip
def test_titles_are_whole_phrases(sentence, code, title):
    from gonghui.ingest.extract import extract_facts
    from gonghui.ingest.textnorm import normalize

    facts = [f.as_dict() for f in extract_facts(normalize(sentence))]
    result = proposals.title_for(sentence, facts, start=0, code=code, fallback="")
    assert result == title
    assert "…" not in result and not re.search(r"\d", result)


# --- metrics ----------------------------------------------------------------------------------


def test_unrelated_facts_are_not_added_into_one_metric(fed):
    document = ingest(fed)
    training = document.proposals.get(activity_type_code="training")
    # 1500 trained workers and 326 of them migrant workers: not 1826 people.
    assert training.metrics == {"sessions": 22, "participants": 1500}


def test_facts_counting_the_same_thing_in_the_same_unit_add_up():
    facts = [
        {"unit": "人", "value": 30, "subject": "困难职工", "start": 0},
        {"unit": "人", "value": 12, "subject": "困难职工", "start": 5},
        {"unit": "名", "value": 5, "subject": "困难职工", "start": 9},
        {"unit": "人", "value": 7, "subject": "劳模", "start": 12},
    ]
    metrics, sources = proposals.assign_metrics(facts, [0, 1, 2, 3])
    assert metrics == {"participants": 42}
    assert sources["participants"].used == (0, 1)
    assert sources["participants"].left_out == (2, 3)


def test_metrics_are_labelled_fields_saying_where_each_came_from(fed, client_for):
    document = ingest(fed)
    training = document.proposals.get(activity_type_code="training")
    html = review_html(client_for(fed.province_admin), document)
    prefix = f"p{training.pk}"
    assert f'name="{prefix}-metrics"' not in html
    assert re.search(rf'<label for="id_{prefix}-participants">参与人数（人）</label>', html)
    assert re.search(rf'name="{prefix}-participants" value="1500"', html)
    assert "未计入（统计对象或单位不同）：#" in html and "326人" in html


# --- department -------------------------------------------------------------------------------


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r"<option value=\"(\d+)\"", select)


def test_department_choice_is_the_organisations_departments_in_scope(fed, client_for):
    from gonghui.testing import make_department

    make_department(fed.zhengzhou, "郑州市总工会办公室")
    document = ingest(fed)
    proposal = document.proposals.get(activity_type_code="reading")
    name = f"p{proposal.pk}-department"
    admin_options = _options(review_html(client_for(fed.province_admin), document), name)
    assert sorted(admin_options) == sorted(
        [str(fed.basic_work_dept.pk), str(fed.publicity_dept.pk)]
    )
    # A department liaison records for their own department only.
    liaison_doc = ingest(fed, by=fed.liaison)
    liaison_proposal = liaison_doc.proposals.get(activity_type_code="reading")
    liaison_html = review_html(client_for(fed.liaison), liaison_doc)
    assert _options(liaison_html, f"p{liaison_proposal.pk}-department") == [
        str(fed.basic_work_dept.pk)
    ]


def _confirm_data(proposal, **extra):
    data = {
        f"p{proposal.pk}-title": proposal.title,
        f"p{proposal.pk}-proposed_date": "2020-06-03",
        f"p{proposal.pk}-activity_type_code": proposal.activity_type_code,
    }
    data.update({f"p{proposal.pk}-{k}": v for k, v in extra.items()})
    return data


def test_confirmed_activity_gets_the_chosen_department(fed, client_for):
    document = ingest(fed)
    proposal = document.proposals.get(activity_type_code="reading")
    client_for(fed.province_admin).post(
        reverse("ingest:confirm", args=[proposal.pk]),
        _confirm_data(proposal, department=fed.publicity_dept.pk, money="5880", items="672"),
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CONFIRMED
    assert proposal.activity.department == fed.publicity_dept
    assert proposal.department == fed.publicity_dept


def test_a_department_of_another_organisation_is_refused(fed, client_for):
    from gonghui.testing import make_department

    elsewhere = make_department(fed.loudi, "娄底市总工会办公室")
    document = ingest(fed)
    proposal = document.proposals.get(activity_type_code="reading")
    client_for(fed.province_admin).post(
        reverse("ingest:confirm", args=[proposal.pk]),
        _confirm_data(proposal, department=elsewhere.pk),
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PROPOSED
    assert proposal.activity is None


# --- likely duplicates ------------------------------------------------------------------------


def _activity(fed, *, title, organization, department=None, date=dt.date(2020, 6, 3)):
    from gonghui.activities.models import ActivityType
    from gonghui.activities.services import create_activity

    return create_activity(
        by=fed.sysadmin,
        organization=organization,
        department=department,
        activity_type=ActivityType.objects.get(code="sports"),
        title=title,
        start_date=date,
    )


def test_a_likely_duplicate_activity_is_warned_about(fed, client_for):
    existing = _activity(fed, title="省总机关春季运动会", organization=fed.henan)
    _activity(fed, title="春季运动会", organization=fed.henan, date=dt.date(2020, 6, 4))
    _activity(fed, title="职工书法展", organization=fed.henan)
    document = ingest(fed)
    html = review_html(client_for(fed.province_admin), document)
    warnings = re.findall(r'<div class="duplicate".*?</div>', html, re.S)
    assert len(warnings) == 1
    assert f'href="/activities/{existing.pk}/"' in warnings[0]


def test_duplicate_warning_says_nothing_about_activities_outside_the_scope(fed, client_for):
    # Another department's activity on the same day is invisible to a department liaison.
    _activity(fed, title="春季运动会", organization=fed.henan, department=fed.publicity_dept)
    document = ingest(fed, by=fed.liaison)
    assert 'class="duplicate"' not in review_html(client_for(fed.liaison), document)
    assert 'class="duplicate"' in review_html(client_for(fed.province_admin), document)


# --- ledger proposal -> evidence --------------------------------------------------------------


@pytest.fixture
def assignment(fed):
    from gonghui.campaigns.tests.factories import assign_basic_work, make_campaign

    return assign_basic_work(fed, make_campaign(fed), code="01.01")


def test_confirming_a_ledger_proposal_files_the_document_as_evidence(fed, client_for, assignment):
    document = ingest(fed)
    proposal = document.proposals.get(kind="ledger")
    html = review_html(client_for(fed.province_admin), document)
    assert str(assignment.pk) in _options(html, f"p{proposal.pk}-assignment")
    response = client_for(fed.province_admin).post(
        reverse("ingest:confirm", args=[proposal.pk]),
        {f"p{proposal.pk}-title": "5月份工作汇报", f"p{proposal.pk}-assignment": assignment.pk},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CONFIRMED
    item = proposal.evidence_item
    assert item.assignment_id == assignment.pk
    files = list(item.current_version.files.all())
    # A .txt is not a ledger file type: it is filed as a Word copy of the normalised text.
    assert [(f.kind, f.original_name) for f in files] == [("docx", "5月份工作汇报.docx")]
    from gonghui.ingest.readers import docx_to_text

    with files[0].file.open("rb") as fh:
        assert "爱心捐书志愿服务活动" in docx_to_text(fh.read())


def test_a_ledger_task_outside_the_scope_is_refused(fed, client_for, assignment):
    document = ingest(fed, by=fed.sysadmin, organization=fed.loudi)
    proposal = document.proposals.get(kind="ledger")
    from gonghui.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.confirm_proposal(by=fed.sysadmin, proposal=proposal, assignment=assignment)
    proposal.refresh_from_db()
    assert proposal.evidence_item is None


def test_a_word_document_is_filed_as_itself(fed, assignment):
    from gonghui.ingest.tests.corpus_scoring import docx_bytes

    data = docx_bytes(REPORT)
    upload = SimpleUploadedFile("汇报.docx", data)
    document = services.ingest_document(
        by=fed.province_admin, upload=upload, organization=fed.henan
    )
    proposal = document.proposals.get(kind="ledger")
    services.confirm_proposal(by=fed.province_admin, proposal=proposal, assignment=assignment)
    evidence = proposal.evidence_item.current_version.files.get()
    assert evidence.kind == "docx"
    with evidence.file.open("rb") as fh:
        assert fh.read() == data


def test_api_confirm_resolves_body_ids_through_the_scope(fed, client_for, assignment):
    from gonghui.testing import make_department

    document = ingest(fed)
    activity = document.proposals.get(activity_type_code="reading")
    ledger = document.proposals.get(kind="ledger")
    client = client_for(fed.province_admin)
    elsewhere = make_department(fed.loudi, "娄底市总工会办公室")
    refused = client.post(
        f"/api/v1/ingest/proposals/{activity.pk}/confirm",
        {"department_id": elsewhere.pk, "proposed_date": "2020-06-03"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "娄底" not in refused.content.decode()
    accepted = client.post(
        f"/api/v1/ingest/proposals/{ledger.pk}/confirm",
        {"assignment_id": assignment.pk},
        content_type="application/json",
    )
    assert accepted.status_code == 200
    assert accepted.json()["evidence_item_id"] == assignment.evidence.pk
