"""The dashboard's figures for the big screen and other apps: headline figures over a period,
campaign progress as of a date, and the big screen's per-city values and rolling lists."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import Router, Schema

from gonghui.api.fields import Date, Id
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors

router = Router()


class FigureOut(Schema):
    key: str
    label: str
    unit: str
    group: str
    value: float | None
    url: str


class FiguresOut(Schema):
    as_of: dt.date
    start: dt.date
    end: dt.date
    figures: list[FigureOut]


class ProgressOut(Schema):
    campaign_id: int | None
    campaign: str
    total: int
    overdue: int
    by_status: dict[str, int]
    projected_score: float | None
    by_unit: list[dict]
    by_group: list[dict]
    monthly_reported: int
    monthly_units: int


class RegionOut(Schema):
    code: str
    name: str
    organization: str
    value: int


class ScreenOut(Schema):
    organization_id: int | None
    as_of: dt.date
    figure: str
    map_code: str
    regions: list[RegionOut]
    totals: list[FigureOut]
    activities: list[dict]
    wishes: list[dict]


def _value(f: selectors.FigureValue) -> float | None:
    shown = f.shown
    return float(shown) if isinstance(shown, Decimal) else shown


def _figures(values) -> list[dict]:
    return [
        {
            "key": f.key,
            "label": f.label,
            "unit": f.unit,
            "group": f.group,
            "value": _value(f),
            "url": f.url,
        }
        for f in values
    ]


@router.get("/figures", response=FiguresOut, url_name="dashboards_figures")
def figures(request, as_of: Date | None = None, span: Literal["month", "year"] = "month"):
    """Every app's headline figures within the caller's scope for the month (or year) holding
    `as_of` (today by default); money in 元."""
    as_of = as_of or timezone.localdate()
    period = selectors.period_of(as_of, span)
    values = selectors.figure_values(request.auth, period)
    return {"as_of": as_of, "start": period.start, "end": period.end, "figures": _figures(values)}


COUNT_KEYS = ("total", "approved", "submitted", "returned", "in_progress", "not_started", "overdue")


@router.get("/progress", response=ProgressOut, url_name="dashboards_progress")
def progress(request, as_of: Date | None = None, campaign_id: Id | None = None):
    """Campaign progress as of a date: tasks by status, by responsible unit and by indicator
    group, the projected score and the month's report status. A campaign the caller cannot
    see is treated as none given."""
    board = selectors.dashboard(request.auth, as_of=as_of, campaign_id=campaign_id)
    summary = board.summary
    return {
        "campaign_id": board.campaign.pk if board.campaign else None,
        "campaign": board.campaign.name if board.campaign else "",
        "total": summary.get("total", 0),
        "overdue": summary.get("overdue", 0),
        "by_status": {status: n for status, _label, n in board.partition},
        "projected_score": float(board.score.projected) if board.score else None,
        "by_unit": [{"unit": r["unit"], **{k: r[k] for k in COUNT_KEYS}} for r in board.by_unit],
        "by_group": [
            {"code": r["code"], "name": r["name"], **{k: r[k] for k in COUNT_KEYS}}
            for r in board.by_group
        ],
        "monthly_reported": board.num_reported,
        "monthly_units": len(board.monthly),
    }


@router.get("/screen", response=ScreenOut, url_name="dashboards_screen")
def screen(
    request,
    organization_id: Id | None = None,
    figure: Literal["activities", "wishes_published", "wishes_claimed", "stations"] = "activities",
    as_of: Date | None = None,
):
    """The big screen's data: the year to `as_of` per city of the organisation (the caller's
    own by default), key totals, the latest activities and the wishes awaiting a claimant."""
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    data = selectors.screen(request.auth, organization=org, figure=figure, as_of=as_of)
    return {
        "organization_id": data.organization.pk if data.organization else None,
        "as_of": data.as_of,
        "figure": data.figure,
        "map_code": data.map_code,
        "regions": data.regions,
        "totals": _figures(data.totals),
        "activities": data.activities,
        "wishes": data.wishes,
    }
