"""Materialised path segments sort and parse correctly."""

from hypothesis import given
from hypothesis import strategies as st

from gonghui.organizations.paths import child_path, ids_in, segment, subtree_range


@given(st.integers(min_value=1, max_value=10**8 - 2), st.integers(min_value=1, max_value=10**8 - 2))
def test_segments_sort_like_ids(a, b):
    assert (segment(a) < segment(b)) == (a < b)


@given(st.lists(st.integers(min_value=1, max_value=10**8 - 2), min_size=1, max_size=6))
def test_path_round_trip(ids):
    path = ""
    for pk in ids:
        path = child_path(path, pk)
    assert ids_in(path) == ids


def test_subtree_range_contains_descendants_only():
    parent = child_path("", 5)
    low, high = subtree_range(parent)
    assert low <= child_path(parent, 99) < high
    assert not (low <= child_path("", 6) < high)


@given(st.lists(st.integers(min_value=1, max_value=10**8 - 2), min_size=1, max_size=4))
def test_any_descendant_falls_in_range_and_siblings_do_not(ids):
    parent = "".join(f"{i:08d}" for i in ids)
    low, high = subtree_range(parent)
    assert low <= child_path(parent, 1) < high
    assert low <= child_path(child_path(parent, 10**8 - 2), 7) < high
    sibling = child_path(parent[:-8], ids[-1] + 1) if ids[-1] < 10**8 - 2 else None
    if sibling:
        assert not (low <= sibling < high)
