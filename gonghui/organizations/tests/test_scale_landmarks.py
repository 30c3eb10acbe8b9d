"""scale_landmarks: where benchmarks look in the gen-scale tree."""

import pytest

from gonghui.core.scale import SCALE_ROOT
from gonghui.organizations.selectors import scale_landmarks
from gonghui.testing import make_org

pytestmark = pytest.mark.django_db


def test_none_before_the_tree_is_built(fed):
    assert scale_landmarks() is None


def test_the_first_city_county_and_grassroots_union_of_the_tree(fed):
    root = make_org(SCALE_ROOT)
    other = make_org("测试1市总工会")  # the same name elsewhere is not the tree's city
    city = make_org("测试1市总工会", parent=root)
    county = make_org("测试1市1区总工会", parent=city)
    make_org("测试1市2区总工会", parent=city)
    union = make_org("测试基层工会", parent=county)
    tree = scale_landmarks()
    assert (tree.root, tree.city, tree.county, tree.grassroots) == (root, city, county, union)
    assert tree.city != other
