"""Demands for tests, registered through the intake service so routing and limits apply."""

from gonghui.demands import services
from gonghui.demands.models import DemandTopic, DemandType
from gonghui.testing import make_user


def demand_type(code="consult") -> DemandType:
    return DemandType.objects.get(code=code)


def topic(code="wages") -> DemandTopic:
    return DemandTopic.objects.get(code=code)


def make_demand(fed, *, by=None, receiving=None, channel=None, **fields):
    """A demand received at 河南 by default (from the web when `by` is None)."""
    values = {
        "demand_type": demand_type(fields.pop("type_code", "consult")),
        "topic": topic(fields.pop("topic_code", "wages")),
        "summary": "公司拖欠三个月工资",
        "content": "宏达机械拖欠一线工人三个月工资，多次讨要未果",
        "worker_name": "张建国",
        "worker_phone": "13812345678",
        "employer": "",
        "location": "",
    }
    values.update(fields)
    if channel is None:
        channel = "web" if by is None else "hotline"
    return services.register_demand(
        by=by, channel=channel, receiving_org=receiving or fed.henan, **values
    )


def hotline_operator(fed, org=None):
    return make_user("hotline", org=org or fed.henan, role=fed.roles["hotline_operator"])
