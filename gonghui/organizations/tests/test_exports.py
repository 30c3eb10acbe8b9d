"""The organisation tree exports to Excel: every organisation in scope, in tree order."""

from gonghui.exports.testing import export_of, sheet_rows, sheet_text


def test_tree_page_links_its_export(fed, client_for):
    html = client_for(fed.city_admin).get("/orgs/?q=郑州").content.decode()
    assert 'href="/orgs/export/?q=%E9%83%91%E5%B7%9E"' in html


def test_tree_export_is_the_subtree_in_tree_order(fed, client_for):
    rows = sheet_rows(export_of(client_for(fed.city_admin), "/orgs/export/"))
    names = [r[1].strip("\u3000") for r in rows[1:]]
    assert names == ["郑州市总工会", "郑州市金水区总工会", "郑州宏达机械有限公司工会"]
    assert rows[2][4] == "郑州市总工会"  # the parent column


def test_an_outsider_exports_none_of_another_subtree(fed, client_for):
    text = sheet_text(export_of(client_for(fed.outsider), "/orgs/export/"))
    assert "郑州" not in text and "河南" not in text
    assert "娄底恒通电力有限公司工会" in text


def test_tree_export_follows_the_search(fed, client_for):
    rows = sheet_rows(export_of(client_for(fed.province_admin), "/orgs/export/", q="金水"))
    assert [r[1].strip("\u3000") for r in rows[1:]] == ["郑州市金水区总工会"]
