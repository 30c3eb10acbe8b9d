"""Generated reports over the API: the list in scope and one report with its text and figures."""

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from gonghui.api.fields import Id
from gonghui.api.pagination import ApiPagination

from . import selectors

router = Router()


class GeneratedReportOut(Schema):
    id: int
    kind: str
    title: str
    organization_id: int
    parameters: dict
    text: str
    figures: list[list]
    generated_at: dt.datetime
    edited_at: dt.datetime | None


@router.get("/", response=list[GeneratedReportOut], url_name="reports_list")
@paginate(ApiPagination, page_size=50)
def list_reports(request, kind: str = ""):
    """Generated reports in the caller's scope, newest first."""
    return selectors.reports_for_user(request.auth, kind=kind[:10])


@router.get("/{report_id}", response=GeneratedReportOut, url_name="reports_detail")
def get_report(request, report_id: Id):
    return selectors.get_report_for_user(request.auth, report_id)
