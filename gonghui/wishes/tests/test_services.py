"""Collecting, claiming by each kind of claimant, delivery photos and refused actors."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.testing import make_person
from gonghui.wishes import services
from gonghui.wishes.models import Wish
from gonghui.wishes.workflow import Status

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_collect_links_the_needy_worker(fed):
    person = make_person(fed.grassroots, name="刘桂兰", is_needy=True, phone="13811112222")
    wish = services.collect_wish(
        by=fed.grassroots_admin,
        organization=fed.grassroots,
        person=person,
        title="一台轮椅",
        category="health",
        amount_band="le500",
    )
    assert wish.status == Status.COLLECTED
    assert (wish.worker_name, wish.worker_phone) == ("刘桂兰", "13811112222")
    assert wish.org_path == fed.grassroots.path
    assert wish.history.get().verb == "collect"


def test_collect_outside_scope_is_refused(fed):
    with pytest.raises(PermissionDenied):
        services.collect_wish(
            by=fed.grassroots_admin,
            organization=fed.loudi_grassroots,
            worker_name="张三",
            title="一台轮椅",
            category="health",
            amount_band="le500",
        )


def test_leader_cannot_collect_or_vet(fed, wish_in):
    with pytest.raises(PermissionDenied):
        services.collect_wish(
            by=fed.leader,
            organization=fed.henan,
            worker_name="张三",
            title="x",
            category="living",
            amount_band="le100",
        )
    with pytest.raises(PermissionDenied):
        services.vet_wish(wish=wish_in(Status.COLLECTED), by=fed.leader)


def test_liaison_collects_but_cannot_publish(fed, wish_in):
    wish = services.collect_wish(
        by=fed.liaison,
        organization=fed.henan,
        worker_name="张三",
        title="一袋米",
        category="living",
        amount_band="le100",
    )
    services.vet_wish(wish=wish, by=fed.province_admin)
    with pytest.raises(PermissionDenied):
        services.publish_wish(wish=wish, by=fed.liaison)


def test_public_claim_records_the_claimant(wish_in):
    wish = services.claim_wish(wish=wish_in(Status.PUBLISHED), name="李爱心", phone="137 0000 1111")
    wish.refresh_from_db()
    assert wish.status == Status.CLAIMED
    assert wish.claimant_kind == Wish.ClaimantKind.PUBLIC
    assert wish.claimant_phone == "13700001111"
    assert wish.claimed_by is None
    assert wish.history.get(verb="claim").actor_label == "爱心人士 李**"


def test_enterprise_claim_needs_the_company(wish_in):
    wish = wish_in(Status.PUBLISHED)
    with pytest.raises(ValidationFailed) as exc:
        services.claim_wish(wish=wish, kind="enterprise", name="王经理", phone="13700001111")
    assert exc.value.field == "company"
    services.claim_wish(
        wish=wish, kind="enterprise", name="王经理", phone="13700001111", company="豫兴商贸有限公司"
    )
    wish.refresh_from_db()
    assert (wish.claimant_kind, wish.claimant_company) == ("enterprise", "豫兴商贸有限公司")


def test_logged_in_claim_counts_as_agency_staff(fed, wish_in):
    wish = services.claim_wish(wish=wish_in(Status.PUBLISHED), by=fed.liaison)
    wish.refresh_from_db()
    assert wish.claimant_kind == Wish.ClaimantKind.AGENCY_STAFF
    assert wish.claimed_by == fed.liaison
    assert wish.claimant_organization == fed.henan


@pytest.mark.parametrize("phone", ["", "12345", "23800001111", "138000011112"])
def test_public_claim_needs_a_valid_phone(wish_in, phone):
    with pytest.raises(ValidationFailed):
        services.claim_wish(wish=wish_in(Status.PUBLISHED), name="李爱心", phone=phone)


def test_deliver_with_photo(fed, wish_in):
    upload = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    wish = services.deliver_wish(
        wish=wish_in(Status.CLAIMED),
        by=fed.province_admin,
        delivered_date=dt.date(2020, 5, 25),
        photo=upload,
        note="已送到家中",
    )
    wish.refresh_from_db()
    assert wish.status == Status.DELIVERED
    assert wish.delivery_photo.name.startswith("wishes/delivery/")
    assert wish.delivered_date == dt.date(2020, 5, 25)


def test_deliver_refuses_a_file_that_is_not_an_image(fed, wish_in):
    upload = SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image" + b"0" * 100)
    wish = wish_in(Status.CLAIMED)
    with pytest.raises(ValidationFailed):
        services.deliver_wish(
            wish=wish, by=fed.province_admin, delivered_date=dt.date(2020, 5, 25), photo=upload
        )
    assert Wish.objects.get(pk=wish.pk).status == Status.CLAIMED


def test_deliver_date_cannot_be_in_the_future(fed, wish_in):
    with pytest.raises(ValidationFailed):
        services.deliver_wish(
            wish=wish_in(Status.CLAIMED),
            by=fed.province_admin,
            delivered_date=dt.date.today() + dt.timedelta(days=3),
        )


def test_withdraw_needs_a_reason(fed, wish_in):
    with pytest.raises(ValidationFailed):
        services.withdraw_wish(wish=wish_in(Status.PUBLISHED), by=fed.province_admin, reason=" ")
