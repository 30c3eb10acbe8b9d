"""Navigation: one active entry, the most specific one."""

from django.test import RequestFactory
from django.utils import translation

from gonghui.core.context_processors import navigation


def active_labels(user, path):
    request = RequestFactory().get(path)
    request.user = user
    with translation.override("zh-hans"):
        items = [i for s in navigation(request)["nav_sections"] for i in s["items"]]
        return [str(i["label"]) for i in items if i["active"]]


def test_only_the_longest_matching_entry_is_active(fed):
    assert active_labels(fed.province_admin, "/ledger/meeting/") == ["月度汇报会"]
    assert active_labels(fed.province_admin, "/people/3/") == ["人员"]
    assert active_labels(fed.province_admin, "/") == ["首页"]
