"""Ledger writes: evidence (content, files, workflow), monthly reports, package exports."""

from .evidence import (
    add_file,
    add_link,
    approve,
    attach_record,
    comment,
    ensure_item,
    remove_file,
    remove_link,
    return_item,
    save_report,
    submit,
    sync_progress,
    withdraw,
)
from .export import build_export, request_export
from .monthly import (
    check_period,
    review_monthly_report,
    save_monthly_report,
    submit_monthly_report,
    withdraw_monthly_report,
)

__all__ = [
    "add_file",
    "add_link",
    "approve",
    "attach_record",
    "build_export",
    "check_period",
    "comment",
    "ensure_item",
    "remove_file",
    "remove_link",
    "request_export",
    "return_item",
    "review_monthly_report",
    "save_monthly_report",
    "save_report",
    "submit",
    "submit_monthly_report",
    "sync_progress",
    "withdraw",
    "withdraw_monthly_report",
]
