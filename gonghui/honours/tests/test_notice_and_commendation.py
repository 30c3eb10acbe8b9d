"""公示 through notices (masked names), objections block 审定, an upheld objection withdraws the
nominee, 表彰 writes honours and the 劳模 level, and the 表彰决定 in 公文 layout."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from gonghui.core.exceptions import InvalidTransition, ValidationFailed
from gonghui.honours import selectors, services
from gonghui.honours.models import Honour, VettingBody
from gonghui.honours.workflow import Status
from gonghui.notices import selectors as notice_selectors
from gonghui.notices import services as notices
from gonghui.notices.models import NoticeEntry
from gonghui.people.models import Person
from gonghui.testing import make_person

from .factories import make_chain, nominate_person, up_to_province

pytestmark = pytest.mark.django_db


def _recommended(fed, chain, k=2):
    body = VettingBody.objects.get(code="discipline")
    found = []
    for _ in range(k):
        n = up_to_province(fed, chain, nominate_person(fed, chain, is_frontline=True))
        services.record_opinion(by=chain.province, nomination=n, body=body, verdict="agree")
        found.append(n)
    return found


def _end_notice(round_):
    notice = notice_selectors.notice_for_source(round_)
    notices.run_clock(now=notice.closes_at + dt.timedelta(minutes=1))
    return notice


def test_announce_needs_every_vetting_opinion(fed):
    chain = make_chain(fed)
    up_to_province(fed, chain, nominate_person(fed, chain))
    with pytest.raises(ValidationFailed, match="征齐意见"):
        services.announce_round(by=chain.province, round_=chain.round)


def test_the_notice_lists_masked_names_and_the_award(fed, client):
    chain = make_chain(fed)
    first, second = _recommended(fed, chain)
    services.announce_round(by=chain.province, round_=chain.round)
    notice = notice_selectors.notice_for_source(chain.round)
    assert notice.status == "open" and notice.num_entries == 2
    names = set(NoticeEntry.objects.filter(notice=notice).values_list("masked_name", flat=True))
    assert names == {"张**"}
    body = client.get(reverse("notices:public", args=[notice.pk])).content.decode()
    assert chain.medal.name in body
    for n in (first, second):
        person = n.person
        for secret in (person.name, person.id_number, person.phone):
            assert secret not in body


def test_an_open_objection_blocks_approval_and_an_upheld_one_withdraws_the_nominee(
    fed, django_capture_on_commit_callbacks
):
    chain = make_chain(fed)
    first, second = _recommended(fed, chain)
    services.announce_round(by=chain.province, round_=chain.round)
    notice = notice_selectors.notice_for_source(chain.round)
    entry = NoticeEntry.objects.get(notice=notice, ref_id=first.pk)
    objection = notices.lodge_objection(
        notice=notice,
        name="王五",
        phone="13900001111",
        content="该同志事迹有虚报",
        entry_id=entry.pk,
    )
    with pytest.raises(InvalidTransition, match="公示期尚未结束"):
        services.approve_round(by=chain.province, round_=chain.round)
    _end_notice(chain.round)
    with pytest.raises(InvalidTransition, match="异议"):
        services.approve_round(by=chain.province, round_=chain.round)
    with django_capture_on_commit_callbacks(execute=True):
        notices.close_objection(
            objection=objection,
            by=chain.province,
            outcome="upheld",
            finding="经核实，事迹材料存在虚报",
            answer="撤销其推荐资格",
        )
    first.refresh_from_db()
    assert first.status == Status.WITHDRAWN
    services.approve_round(by=chain.province, round_=chain.round)
    second.refresh_from_db()
    assert second.status == Status.APPROVED


def test_commendation_confers_honours_raises_the_level_and_writes_the_decision(fed, client_for):
    chain = make_chain(fed)
    first, _second = _recommended(fed, chain)
    services.announce_round(by=chain.province, round_=chain.round)
    _end_notice(chain.round)
    services.approve_round(by=chain.province, round_=chain.round)
    services.commend_round(by=chain.province, round_=chain.round, decision_number="豫工〔2026〕8号")
    assert Honour.objects.filter(round=chain.round).count() == 2
    assert Person.objects.get(pk=first.person_id).model_worker_level == "provincial"
    assert [h.award for h in selectors.honours_of_person(chain.province, first.person)] == [
        chain.medal
    ]
    response = client_for(chain.province).get(
        reverse("honours:round_decision", args=[chain.round.pk])
    )
    assert response.status_code == 200
    xml = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    assert first.person.name in xml and "豫工〔2026〕8号" in xml
    assert "方正小标宋简体" in xml and "仿宋_GB2312" in xml
    assert 'w:w="11906"' in xml  # A4 width in twentieths of a point
    assert 'w:top="2098"' in xml and 'w:left="1587"' in xml  # 37 mm, 28 mm
    # the signature and date are kept on one page with the closing paragraph
    assert xml.rsplit("希望受到表彰", 1)[0].count("<w:keepNext/>") < xml.count("<w:keepNext/>")
    footer = zipfile.ZipFile(io.BytesIO(response.content)).read("word/footer1.xml").decode()
    assert "PAGE" in footer
    counts = selectors.round_counts(chain.round)
    assert selectors.sentence(chain.round, counts).endswith(f"表彰{chain.medal.name}2名。")


def test_no_repeat_rule_refuses_a_recent_honouree(fed):
    chain = make_chain(fed)
    services.set_rule(by=chain.province, round_=chain.round, kind="no_repeat_years", value=3)
    person = make_person(fed.grassroots, name="李卫东", phone="13500002222")
    Honour.objects.create(
        organization=fed.grassroots,
        org_path=fed.grassroots.path,
        award=chain.medal,
        person=person,
        name=person.name,
        unit="x",
        year=2024,
        conferred_by="河南省总工会",
    )
    with pytest.raises(ValidationFailed, match="3 年内已获得"):
        nominate_person(fed, chain, person=person)
    Honour.objects.update(year=2022)  # 2022 is more than 3 years before the 2026 round
    assert nominate_person(fed, chain, person=person).status == Status.DRAFT


def test_frontline_share_rule_blocks_the_notice(fed):
    chain = make_chain(fed, bodies=())
    services.set_rule(by=chain.province, round_=chain.round, kind="frontline_share", value=60)
    up_to_province(fed, chain, nominate_person(fed, chain, is_frontline=False))
    with pytest.raises(ValidationFailed, match="一线职工比例"):
        services.announce_round(by=chain.province, round_=chain.round)
