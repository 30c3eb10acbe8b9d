import io

import pytest

from gonghui.campaigns import frameworks
from gonghui.campaigns.models import FrameworkNode, FrameworkVersion
from gonghui.core.exceptions import PermissionDenied, ValidationFailed

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


# --- editing: copy a version, add and delete nodes ---------------------------------------


def _tree(version):
    return list(version.nodes.order_by("position").values_list("code", "depth", "parent__code"))


def test_copy_makes_an_editable_version_with_the_same_tree_and_rules(fed, campaign):
    from gonghui.campaigns import services

    used = campaign.framework_version
    copy = services.copy_version(by=fed.province_admin, version=used, label="v2")
    assert copy.framework_id == used.framework_id and copy.grade_map == used.grade_map
    assert _tree(copy) == _tree(used) and copy.rules.count() == used.rules.count() == 3
    assert not copy.nodes.filter(pk__in=used.nodes.values("pk")).exists()
    with pytest.raises(ValidationFailed):
        services.copy_version(by=fed.province_admin, version=used, label="v2")
    with pytest.raises(PermissionDenied):
        services.copy_version(by=fed.leader, version=used, label="v3")


def test_add_node_goes_after_its_parents_subtree_and_codes_stay_unique(fed):
    from gonghui.campaigns import services

    version = make_version()
    parent = FrameworkNode.objects.get(version=version, code="01")
    node = services.add_node(
        by=fed.province_admin,
        version=version,
        parent=parent,
        code="01.03",
        name="志愿服务记录",
        full_score=2,
        methods=["材料审核"],
    )
    assert node.depth == 2 and node.parent == parent
    assert [c for c, _, _ in _tree(version)] == ["01", "01.01", "01.02", "01.03", "02"]
    top = services.add_node(by=fed.province_admin, version=version, code="03", name="新项目")
    assert top.depth == 1 and _tree(version)[-1] == ("03", 1, None)
    with pytest.raises(ValidationFailed):
        services.add_node(by=fed.province_admin, version=version, code="01.03", name="重复")
    with pytest.raises(ValidationFailed):
        services.add_node(
            by=fed.province_admin, version=version, code="04", name="x", methods=["飞行检查"]
        )


def test_delete_node_removes_its_subtree(fed):
    from gonghui.campaigns import services

    version = make_version()
    node = FrameworkNode.objects.get(version=version, code="01")
    assert services.delete_node(by=fed.province_admin, node=node) == 3
    assert [c for c, _, _ in _tree(version)] == ["02"]


def test_a_version_used_by_a_campaign_stays_locked(fed, campaign, client_for):
    from django.urls import reverse

    from gonghui.campaigns import services

    used = campaign.framework_version
    node = FrameworkNode.objects.get(version=used, code="01.01")
    with pytest.raises(ValidationFailed):
        services.add_node(by=fed.province_admin, version=used, code="09", name="x")
    with pytest.raises(ValidationFailed):
        services.delete_node(by=fed.province_admin, node=node)
    client = client_for(fed.province_admin)
    page = client.get(reverse("campaigns:framework_version", args=[used.pk])).content.decode()
    assert "复制为新版本" in page and "添加下级" not in page
    before = _tree(used)
    client.post(reverse("campaigns:node_delete", args=[node.pk]))
    client.post(reverse("campaigns:node_add", args=[used.pk]), {"code": "09", "name": "x"})
    assert _tree(used) == before


def test_editor_pages_copy_add_and_delete(fed, client_for):
    from django.urls import reverse

    version = make_version()
    client = client_for(fed.province_admin)
    response = client.post(reverse("campaigns:framework_copy", args=[version.pk]), {"label": "v2"})
    copy = FrameworkVersion.objects.get(framework=version.framework, label="v2")
    assert response.status_code == 302 and response.url.endswith(f"/{copy.pk}/")
    parent = copy.nodes.get(code="02")
    url = reverse("campaigns:node_add", args=[copy.pk]) + f"?parent={parent.pk}"
    assert client.get(url).status_code == 200
    data = {
        "code": "02.01",
        "name": "志愿服务台账",
        "full_score": "3",
        "methods_text": "网络查看、材料审核",
        "min_photos": 0,
        "min_chars": 0,
        "max_chars": 500,
    }
    assert client.post(url, data).status_code == 302
    added = copy.nodes.get(code="02.01")
    assert added.parent == parent and added.methods == ["网络查看", "材料审核"]
    page = client.get(reverse("campaigns:framework_version", args=[copy.pk])).content.decode()
    assert "志愿服务台账" in page and "添加下级" in page
    client.post(reverse("campaigns:node_delete", args=[parent.pk]))
    assert not copy.nodes.filter(code__startswith="02").exists()
    assert version.nodes.filter(code="02").exists()  # the source version is untouched
    leader = client_for(fed.leader)
    assert (
        leader.post(
            reverse("campaigns:framework_copy", args=[version.pk]), {"label": "v9"}
        ).status_code
        == 403
    )
