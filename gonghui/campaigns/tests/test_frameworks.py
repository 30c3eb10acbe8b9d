import io

import pytest

from gonghui.campaigns import frameworks
from gonghui.campaigns.models import FrameworkNode, FrameworkVersion
from gonghui.core.exceptions import ValidationFailed

from .factories import SMALL_YAML, make_version

pytestmark = pytest.mark.django_db


def test_yaml_import_builds_tree_of_any_depth_with_rules():
    version = make_version()
    leaf = FrameworkNode.objects.get(version=version, code="01.01")
    assert leaf.parent.code == "01"
    assert leaf.depth == 2
    assert leaf.requires_doc_number and leaf.max_chars == 500
    assert version.rules.filter(kind="veto", window_months=24).exists()
    assert version.grade_map == {"A": 1.0, "B": 0.8, "C": 0.6}


def test_yaml_errors_are_listed_in_chinese_and_nothing_is_written():
    bad = SMALL_YAML.replace("methods: [材料审核]", "methods: [材料审核, 飞行检查]", 1)
    bad = bad.replace("window_months: 24", "points: 0")
    with pytest.raises(ValidationFailed) as exc:
        frameworks.import_framework(spec=frameworks.parse_yaml(bad))
    assert any("飞行检查" in e for e in exc.value.errors)
    assert any("追溯月数" in e for e in exc.value.errors)
    assert not FrameworkVersion.objects.exists()


def test_shipped_examples_load_and_are_labelled_as_examples():
    versions = frameworks.load_examples()
    assert len(versions) >= 2
    unit = next(v for v in versions if v.framework.kind == "unit")
    assert unit.is_example and "示例" in unit.label
    leap = FrameworkNode.objects.get(version=unit, code="01")
    assert leap.name == "学雷锋活动" and leap.full_score == 14
    assert FrameworkNode.objects.filter(version=unit, parent=None).count() == 14


def test_yaml_round_trip_preserves_the_tree():
    version = make_version()
    text = frameworks.export_yaml(version)
    spec = frameworks.parse_yaml(text.replace("label: v1", "label: v2"))
    copy = frameworks.import_framework(spec=spec)
    assert list(copy.nodes.values_list("code", "depth", "full_score")) == list(
        version.nodes.values_list("code", "depth", "full_score")
    )
    assert copy.rules.count() == 3


def test_excel_round_trip_and_row_errors():
    version = make_version()
    content = frameworks.export_excel(version)
    spec = frameworks.parse_excel(
        io.BytesIO(content),
        framework={"code": "test-unit", "name": "测试", "kind": "unit"},
        version={"label": "excel", "grade_map": {"A": 1, "B": 0.5}},
    )
    copy = frameworks.import_framework(spec=spec, source="excel")
    assert copy.nodes.count() == version.nodes.count()
    assert copy.rules.count() == 3

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(frameworks.excel_template()))
    ws = wb.active
    ws.append(["指标", "02.01", "99", "", "孤儿指标", "abc"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    with pytest.raises(ValidationFailed) as exc:
        frameworks.parse_excel(
            buf, framework={"code": "x", "name": "x", "kind": "unit"}, version={"label": "x"}
        )
    assert any(e.startswith("第3行") and "不是数字" in e for e in exc.value.errors)
    assert any("上级编号“99”不存在" in e for e in exc.value.errors)
