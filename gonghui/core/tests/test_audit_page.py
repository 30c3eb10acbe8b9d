"""The audit log page: admins only, filtered, scoped to the admin's subtree."""

from gonghui.core import audit
from gonghui.testing import assert_constant_queries, make_org, make_user


def test_audit_page_filters_and_scopes(fed, client_for):
    audit.record(by=fed.city_admin, action="update", target=fed.zhengzhou, summary="郑州的修改")
    audit.record(
        by=fed.outsider, action="update", target=fed.loudi_grassroots, summary="娄底的修改"
    )
    html = client_for(fed.province_admin).get("/audit/?action=update").content.decode()
    assert "郑州的修改" in html
    assert "娄底的修改" not in html


def test_liaison_cannot_open_audit_page(fed, client_for):
    assert client_for(fed.liaison).get("/audit/").status_code == 403


def test_audit_page_query_count(fed, client_for):
    def more(indices):
        for i in indices:
            actor = make_user(f"actor{i}", org=fed.zhengzhou, role=fed.roles["campaign_admin"])
            target = make_org(f"第{i}基层工会", parent=fed.jinshui)
            audit.record(by=actor, action="update", target=target, summary=f"第{i}次修改")
        return [f"第{i}次修改" for i in indices] + [f"第{i}基层工会" for i in indices]

    assert_constant_queries(client_for(fed.sysadmin), "/audit/", more, most=8)


def test_audit_records_ip(fed, client_for):
    from gonghui.core.models import AuditEntry

    client = client_for(fed.province_admin)
    client.post(f"/orgs/{fed.henan.pk}/departments/new/", {"name": "女职工部", "sort_order": 1})
    entry = AuditEntry.objects.get(summary="新建部门 女职工部")
    assert entry.ip_address == "127.0.0.1"
    assert entry.actor == fed.province_admin


def test_audit_page_reads_as_words_not_codes(fed, client_for):
    """The record's type and name link to its page; the type filter offers readable names."""
    audit.record(by=fed.city_admin, action="update", target=fed.zhengzhou, summary="改名")
    html = client_for(fed.sysadmin).get("/audit/").content.decode()
    assert "organizations.organization#" not in html
    assert f'<a href="/orgs/{fed.zhengzhou.pk}/">郑州市总工会</a>' in html
    assert '<option value="organizations.organization"' in html
    assert ">组织</option>" in html or ">组织机构</option>" in html
    filtered = client_for(fed.sysadmin).get("/audit/?target_type=people.person").content.decode()
    assert "改名" not in filtered
