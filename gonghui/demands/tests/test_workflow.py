"""受理 → 办理 → 答复 → 回访 → 评价 → 办结, with 转办/退回 hops and one 复核 after 不满意."""

import pytest

from gonghui.core.exceptions import InvalidTransition, PermissionDenied, ValidationFailed
from gonghui.demands import services
from gonghui.demands.models import DemandHop
from gonghui.demands.workflow import Status

from .factories import make_demand

pytestmark = pytest.mark.django_db


def _answered(fed, demand, by=None):
    by = by or fed.province_admin
    services.accept_demand(demand=demand, by=by)
    services.handle_demand(demand=demand, by=by, note="已电话联系企业")
    return services.answer_demand(demand=demand, by=by, answer="企业已承诺本月底前补发")


def test_the_full_flow_writes_one_history_row_per_verb(fed):
    demand = make_demand(fed)
    _answered(fed, demand)
    services.follow_up_demand(
        demand=demand, by=fed.province_admin, note="电话回访", rating="satisfied"
    )
    services.close_demand(demand=demand, by=fed.province_admin)
    demand.refresh_from_db()
    assert demand.status == Status.CLOSED
    assert demand.rating == "satisfied"
    verbs = list(demand.history.values_list("verb", flat=True))
    assert verbs == ["register", "accept", "handle", "answer", "follow_up", "rate", "close"]


@pytest.mark.parametrize(
    "verb,status",
    [
        ("answer", "received"),
        ("close", "handling"),
        ("follow_up", "accepted"),
        ("accept", "closed"),
    ],
)
def test_a_verb_is_refused_from_a_state_it_does_not_start_from(fed, verb, status):
    demand = make_demand(fed)
    type(demand).objects.filter(pk=demand.pk).update(status=status)
    demand.refresh_from_db()
    call = {
        "answer": lambda: services.answer_demand(demand=demand, by=fed.province_admin, answer="x"),
        "close": lambda: services.close_demand(demand=demand, by=fed.province_admin),
        "follow_up": lambda: services.follow_up_demand(
            demand=demand, by=fed.province_admin, note="x"
        ),
        "accept": lambda: services.accept_demand(demand=demand, by=fed.province_admin),
    }[verb]
    with pytest.raises(InvalidTransition):
        call()


def test_handling_needs_the_permission(fed):
    demand = make_demand(fed)
    with pytest.raises(PermissionDenied):
        services.accept_demand(demand=demand, by=fed.leader)


def test_transfer_down_and_return_up_keep_every_hop(fed):
    demand = make_demand(fed)  # lands at 河南 (no employer, no region)
    services.transfer_demand(demand=demand, by=fed.province_admin, to=fed.zhengzhou, reason="属地")
    services.accept_demand(demand=demand, by=fed.city_admin)
    services.transfer_demand(demand=demand, by=fed.city_admin, to=fed.jinshui, reason="下转")
    services.return_demand(demand=demand, by=fed.city_admin, reason="不属本区管辖")
    demand.refresh_from_db()
    assert demand.organization == fed.zhengzhou
    assert demand.status == Status.RECEIVED
    hops = list(demand.hops.order_by("started_at", "pk"))
    assert [(h.kind, h.from_org, h.organization) for h in hops] == [
        ("intake", None, fed.henan),
        ("transfer", fed.henan, fed.zhengzhou),
        ("transfer", fed.zhengzhou, fed.jinshui),
        ("return", fed.jinshui, fed.zhengzhou),
    ]
    assert hops[3].reason == "不属本区管辖"
    assert all(h.ended_at and h.working_days is not None for h in hops[:3])
    assert hops[3].ended_at is None
    assert [h.by for h in hops[1:]] == [fed.province_admin, fed.city_admin, fed.city_admin]


def test_transfer_goes_only_down_and_return_needs_a_reason(fed):
    demand = make_demand(fed, employer="郑州宏达机械有限公司")  # at the grassroots union
    with pytest.raises(ValidationFailed):
        services.transfer_demand(demand=demand, by=fed.province_admin, to=fed.zhengzhou)
    with pytest.raises(ValidationFailed):
        services.return_demand(demand=demand, by=fed.province_admin, reason="")


def test_an_unsatisfied_rating_reopens_once_for_review_at_the_parent_union(fed):
    demand = make_demand(fed, employer="郑州宏达机械有限公司")
    _answered(fed, demand, by=fed.grassroots_admin)
    services.rate_demand(demand=demand, by=None, rating="unsatisfied", note="没有补发")
    demand.refresh_from_db()
    assert demand.status == Status.REVIEWING
    assert demand.organization == fed.jinshui
    assert demand.reopened_at is not None
    review = demand.hops.order_by("-started_at", "-pk").first()
    assert (review.kind, review.from_org, review.organization) == (
        DemandHop.Kind.REVIEW,
        fed.grassroots,
        fed.jinshui,
    )
    # The review's answer, rated unsatisfied again, does not reopen a second time.
    services.answer_demand(demand=demand, by=fed.province_admin, answer="复核：已督促补发")
    services.rate_demand(demand=demand, by=None, rating="unsatisfied")
    demand.refresh_from_db()
    assert demand.status == Status.RATED
    services.close_demand(demand=demand, by=fed.province_admin)
    demand.refresh_from_db()
    assert demand.status == Status.CLOSED


def test_a_satisfied_rating_does_not_reopen(fed):
    demand = make_demand(fed)
    _answered(fed, demand)
    services.rate_demand(demand=demand, by=None, rating="fairly")
    demand.refresh_from_db()
    assert (demand.status, demand.reopened_at) == (Status.RATED, None)


def test_a_handling_note_and_joint_union_are_recorded(fed):
    demand = make_demand(fed)
    services.add_handling_note(demand=demand, by=fed.province_admin, note="联系劳动监察大队")
    services.add_collaborator(demand=demand, by=fed.province_admin, organization=fed.zhengzhou)
    assert list(demand.history.values_list("verb", flat=True)) == [
        "register",
        "handling_note",
        "join",
    ]
    assert demand.collaborators.get().organization == fed.zhengzhou


def test_name_and_phone_are_required_except_for_an_anonymous_suggestion(fed):
    with pytest.raises(ValidationFailed):
        make_demand(fed, worker_name="", worker_phone="")
    with pytest.raises(ValidationFailed):
        make_demand(fed, worker_name="", worker_phone="", is_anonymous=True)
    demand = make_demand(
        fed, type_code="suggestion", worker_name="", worker_phone="", is_anonymous=True
    )
    assert demand.is_anonymous and demand.worker_name == ""
