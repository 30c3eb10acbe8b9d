"""The rendered sidebar: one per permission set, language and active entry, the same links as
the sections the context processor gives, and no stale copy after a role change."""

import lxml.html
from django.test import RequestFactory
from django.utils import translation

from gonghui.core.context_processors import navigation
from gonghui.core.navigation import sections_for, sidebar_html


def links(user, path="/", language="zh-hans"):
    with translation.override(language):
        html = str(sidebar_html(user, path))
    tree = lxml.html.fromstring(f"<nav>{html}</nav>")
    return [(a.text, a.get("href"), a.get("class") == "active") for a in tree.xpath("//a")]


def test_the_rendered_sidebar_lists_the_sections_entries_with_one_active(fed):
    with translation.override("zh-hans"):
        expected = [
            (item["label"], item["url"], item["active"])
            for section in sections_for(fed.province_admin, "/people/3/")
            for item in section["items"]
        ]
    assert links(fed.province_admin, "/people/3/") == expected
    assert [label for label, _url, active in expected if active] == ["人员"]


def test_each_permission_set_and_language_has_its_own_sidebar(fed):
    assert "用户与角色" in [label for label, _u, _a in links(fed.sysadmin)]
    assert "用户与角色" not in [label for label, _u, _a in links(fed.liaison)]
    english = [label for label, _u, _a in links(fed.province_admin, language="en")]
    assert "人员" not in english and english


def test_a_changed_role_changes_the_sidebar(fed):
    user = fed.liaison
    before = links(user)
    user.role = fed.roles["campaign_admin"]
    user.save()
    # The next request reads the user afresh (permissions are kept per request).
    after = links(type(user).objects.get(pk=user.pk))
    assert after != before
    assert after == links(type(user).objects.get(pk=fed.province_admin.pk))


def test_the_page_context_builds_the_sidebar_only_when_used(fed):
    request = RequestFactory().get("/")
    request.user = fed.province_admin
    context = navigation(request)
    with translation.override("zh-hans"):
        assert "首页" in str(context["nav_html"])
        assert context["nav_sections"][0]["items"][0]["label"] == "首页"
