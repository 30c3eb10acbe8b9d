"""Columns shared by every list: yes/no booleans, kind and status labels."""

from types import SimpleNamespace

from django.utils import translation

from gonghui.exports.lists import KIND, STATUS, Column, yes_no


def test_yes_no_reads_a_boolean_path_in_the_persons_language():
    column = Column("有效", yes_no("team.is_active"))
    active = SimpleNamespace(team=SimpleNamespace(is_active=True))
    inactive = SimpleNamespace(team=SimpleNamespace(is_active=False))
    assert column.read(active, unmasked=False) == "是"
    assert column.read(inactive, unmasked=False) == "否"
    assert column.read(SimpleNamespace(team=None), unmasked=False) == "否"
    with translation.override("en"):
        assert column.read(active, unmasked=False) == "Yes"


def test_kind_and_status_read_the_display_labels():
    row = SimpleNamespace(get_kind_display=lambda: "包联社区", get_status_display=lambda: "已办结")
    assert KIND.read(row, unmasked=False) == "包联社区"
    assert STATUS.read(row, unmasked=False) == "已办结"
