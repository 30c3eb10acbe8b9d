"""The audit log exports to Excel for those who may read it, within their subtree."""

from gonghui.core import audit
from gonghui.exports.testing import export_of, sheet_rows, sheet_text


def test_audit_log_export_follows_the_page_filters_and_scope(fed, client_for):
    audit.record(
        by=fed.city_admin, action="update", summary="郑州的修改", org_path=fed.zhengzhou.path
    )
    audit.record(by=fed.outsider, action="update", summary="娄底的修改", org_path=fed.loudi.path)
    client = client_for(fed.sysadmin)
    html = client.get("/audit/?action=update&page=1").content.decode()
    assert 'href="/exports/audit-log/?action=update"' in html
    text = sheet_text(export_of(client, "/exports/audit-log/", action="update"))
    assert "郑州的修改" in text and "娄底的修改" in text
    rows = sheet_rows(export_of(client, "/exports/audit-log/", action="login"))
    assert all("修改" not in str(r) for r in rows)


def test_audit_log_export_needs_the_audit_permission(fed, client_for):
    assert client_for(fed.liaison).get("/exports/audit-log/").status_code == 403
