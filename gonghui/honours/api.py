"""REST endpoints: rounds, quotas, nominations up the chain, vetting opinions, 公示, 审定, 表彰,
statistics."""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.api.fields import Id, Year
from gonghui.api.pagination import ApiPagination
from gonghui.organizations.selectors import get_organization_for_user
from gonghui.people.selectors import get_person_for_user

from . import selectors, services
from .models import EligibilityRule, VettingOpinion

router = Router()


class RoundOut(Schema):
    id: int
    name: str
    year: int
    organization_id: int
    organization_name: str
    status: str
    status_label: str
    nomination_deadline: dt.date | None
    notice_working_days: int
    decision_number: str

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class RoundIn(Schema):
    organization_id: Id
    name: str
    year: Year
    award_ids: list[Id]
    vetting_body_ids: list[Id] = []
    nomination_deadline: dt.date | None = None
    notice_working_days: int = 5


class QuotaIn(Schema):
    organization_id: Id
    award_id: Id
    quota: int


class RuleIn(Schema):
    kind: EligibilityRule.Kind
    value: int


class NominationOut(Schema):
    id: int
    round_id: int
    award: str
    nominee: str
    unit: str
    is_frontline: bool
    organization_id: int
    at_organization_id: int
    rank: int | None
    status: str
    status_label: str

    @staticmethod
    def resolve_award(obj):
        return obj.award.name

    @staticmethod
    def resolve_nominee(obj):
        return obj.nominee_display

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class NominationIn(Schema):
    award_id: Id
    organization_id: Id
    person_id: Id | None = None
    collective_name: str = ""
    unit: str = ""
    post_title: str = ""
    is_frontline: bool = False
    deeds: str = ""
    opinion: str = ""


class StepIn(Schema):
    rank: int | None = None
    note: str = ""
    comment: str = ""
    reason: str = ""


class OpinionIn(Schema):
    body_id: Id
    verdict: VettingOpinion.Verdict
    note: str = ""


class HonourCountOut(Schema):
    award: str
    level: str
    subject: str
    nominated: int
    recommended: int
    honoured: int


class RoundStatisticsOut(Schema):
    round_id: int
    sentence: str
    awards: list[HonourCountOut]


@router.get("/rounds", response=list[RoundOut])
@paginate(ApiPagination, page_size=50)
def list_rounds(request, year: Year | None = None):
    return selectors.rounds_for_user(request.auth, year=year)


@router.post("/rounds", response={201: RoundOut})
def create_round(request, payload: RoundIn):
    org = get_organization_for_user(request.auth, payload.organization_id)
    awards = [selectors.get_award(pk) for pk in payload.award_ids[:50]]
    bodies = [selectors.get_vetting_body(pk) for pk in payload.vetting_body_ids[:50]]
    round_ = services.create_round(
        by=request.auth,
        organization=org,
        name=payload.name,
        year=payload.year,
        awards=awards,
        vetting_bodies=bodies,
        nomination_deadline=payload.nomination_deadline,
        notice_working_days=payload.notice_working_days,
    )
    return Status(201, round_)


@router.get("/rounds/{round_id}", response=RoundOut)
def get_round(request, round_id: Id):
    return selectors.get_round_for_user(request.auth, round_id)


@router.get("/rounds/{round_id}/statistics", response=RoundStatisticsOut)
def round_statistics(request, round_id: Id):
    round_ = selectors.get_round_for_user(request.auth, round_id)
    counts = selectors.round_counts(round_)
    return {
        "round_id": round_.pk,
        "sentence": selectors.sentence(round_, counts),
        # level and subject are translated labels: hand the schema plain text
        "awards": [{**vars(c), "level": str(c.level), "subject": str(c.subject)} for c in counts],
    }


@router.post("/rounds/{round_id}/quotas", response=dict)
def set_quota(request, round_id: Id, payload: QuotaIn):
    round_ = selectors.get_round_for_user(request.auth, round_id)
    org = get_organization_for_user(request.auth, payload.organization_id)
    row = services.set_quota(
        by=request.auth,
        round_=round_,
        organization=org,
        award=selectors.get_award(payload.award_id),
        quota=payload.quota,
    )
    return {"quota": row.quota, "used": row.used}


@router.post("/rounds/{round_id}/rules", response=dict)
def set_rule(request, round_id: Id, payload: RuleIn):
    round_ = selectors.get_round_for_user(request.auth, round_id)
    rule = services.set_rule(by=request.auth, round_=round_, kind=payload.kind, value=payload.value)
    return {"kind": rule.kind, "value": rule.value}


@router.get("/nominations", response=list[NominationOut])
@paginate(ApiPagination, page_size=50)
def list_nominations(
    request, round_id: Id | None = None, status: str = "", q: str = "", queue: bool = False
):
    round_ = selectors.get_round_for_user(request.auth, round_id) if round_id else None
    return selectors.nominations_for_api(
        request.auth,
        selectors.NominationFilter(round=round_, status=status, q=q[:50], queue=queue),
    )


@router.post("/rounds/{round_id}/nominations", response={201: NominationOut, 409: dict})
def nominate(request, round_id: Id, payload: NominationIn):
    """409 when the quota is full or the nominee is already in the round (who nominated it
    first is not said)."""
    round_ = selectors.get_round_for_user(request.auth, round_id)
    person = get_person_for_user(request.auth, payload.person_id) if payload.person_id else None
    nomination = services.nominate(
        by=request.auth,
        round_=round_,
        award=selectors.get_award(payload.award_id),
        organization=get_organization_for_user(request.auth, payload.organization_id),
        person=person,
        collective_name=payload.collective_name,
        unit=payload.unit,
        post_title=payload.post_title,
        is_frontline=payload.is_frontline,
        deeds=payload.deeds,
        opinion=payload.opinion,
    )
    return Status(201, nomination)


@router.get("/nominations/{nomination_id}", response=NominationOut)
def get_nomination(request, nomination_id: Id):
    return selectors.get_nomination_for_user(request.auth, nomination_id)


@router.post("/nominations/{nomination_id}/opinions", response=dict)
def record_opinion(request, nomination_id: Id, payload: OpinionIn):
    nomination = selectors.get_nomination_for_user(request.auth, nomination_id)
    opinion = services.record_opinion(
        by=request.auth,
        nomination=nomination,
        body=selectors.get_vetting_body(payload.body_id),
        verdict=payload.verdict,
        note=payload.note,
    )
    return {"body": opinion.body.name, "verdict": opinion.verdict}


NOMINATION_VERBS = {"submit", "forward", "return", "withdraw"}


@router.post("/nominations/{nomination_id}/{verb}", response={200: NominationOut, 409: dict})
def nomination_verb(request, nomination_id: Id, verb: str, payload: StepIn):
    """submit (or submit again after a return), forward (rank, note; within the level's quota,
    409 when full), return (comment), withdraw (reason)."""
    if verb not in NOMINATION_VERBS:
        raise Http404(_("未知操作"))
    n = selectors.get_nomination_for_user(request.auth, nomination_id)
    by = request.auth
    if verb == "submit":
        return services.submit_nomination(by=by, nomination=n)
    if verb == "forward":
        return services.forward_nomination(
            by=by, nomination=n, rank=payload.rank, note=payload.note
        )
    if verb == "return":
        return services.return_nomination(by=by, nomination=n, comment=payload.comment)
    return services.withdraw_nomination(by=by, nomination=n, reason=payload.reason)


ROUND_VERBS = {"publish", "announce", "approve", "commend"}


@router.post("/rounds/{round_id}/{verb}", response=RoundOut)
def round_verb(request, round_id: Id, verb: str):
    """publish (start nominations), announce (公示), approve (审定), commend (表彰)."""
    if verb not in ROUND_VERBS:
        raise Http404(_("未知操作"))
    round_ = selectors.get_round_for_user(request.auth, round_id)
    call = {
        "publish": services.publish_round,
        "announce": services.announce_round,
        "approve": services.approve_round,
        "commend": services.commend_round,
    }[verb]
    return call(by=request.auth, round_=round_)
