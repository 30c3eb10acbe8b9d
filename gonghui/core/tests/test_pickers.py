"""The searchable picker: choices are never truncated, ids resolve only within the user's scope,
an id outside it is "not found" like one that does not exist, and no name leaks out of scope."""

import ast
from pathlib import Path

import pytest
from django import forms

from gonghui.core.exceptions import ValidationFailed
from gonghui.core.pickers import MultiplePickerField, PickerField
from gonghui.organizations.models import Department
from gonghui.organizations.pickers import DEPARTMENTS, ORGANIZATIONS
from gonghui.testing import make_department

NOT_FOUND = "找不到该记录，或不在您的管理范围内"


class DepartmentsForm(forms.Form):
    one = PickerField(DEPARTMENTS, label="部门", required=False)
    many = MultiplePickerField(DEPARTMENTS, label="部门们", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["one"].scope(user)
        self.fields["many"].scope(user)


@pytest.fixture
def many_departments(fed):
    """More departments in 河南 than any select ever listed (the old slice was 300)."""
    Department.objects.bulk_create(
        Department(organization=fed.henan, org_path=fed.henan.path, name=f"第{i:03d}工作部")
        for i in range(320)
    )
    return Department.objects.filter(organization=fed.henan).order_by("org_path", "sort_order")


@pytest.fixture
def loudi_dept(fed):
    return make_department(fed.loudi, "娄底市总工会保密部")


def test_a_choice_beyond_any_old_slice_validates(fed, many_departments):
    last = many_departments.last()
    some = list(many_departments[305:310])
    form = DepartmentsForm(
        {"one": f"{last.name} #{last.pk}", "many": [d.pk for d in some]}, user=fed.province_admin
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["one"] == last
    assert list(form.cleaned_data["many"]) == some


def test_the_widget_renders_no_list_of_choices(fed, many_departments):
    html = str(DepartmentsForm(user=fed.province_admin))
    assert "第319工作部" not in html and "<option" not in html
    assert 'hx-get="/pickers/department/"' in html


@pytest.mark.parametrize("value", ["loudi", "missing"])
def test_out_of_scope_and_missing_ids_get_the_same_error_and_no_name(fed, loudi_dept, value):
    pk = loudi_dept.pk if value == "loudi" else 987654
    form = DepartmentsForm({"one": str(pk), "many": [str(pk)]}, user=fed.province_admin)
    assert not form.is_valid()
    assert NOT_FOUND in form.errors["one"][0]
    assert form.errors["many"] == [f"找不到编号为 {pk} 的记录，或不在您的管理范围内"]
    html = str(form)
    assert "保密部" not in html and "娄底" not in html
    assert f'value="{pk}"' in html  # what was typed, unlabelled


def test_a_typed_name_with_an_out_of_scope_id_is_not_relabelled(fed, loudi_dept):
    form = DepartmentsForm({"one": f"随便 #{loudi_dept.pk}"}, user=fed.province_admin)
    assert not form.is_valid()
    assert "保密部" not in str(form)


def test_an_in_scope_choice_is_labelled_when_redisplayed(fed):
    form = DepartmentsForm(
        {"one": str(fed.basic_work_dept.pk), "many": [fed.publicity_dept.pk]},
        user=fed.province_admin,
    )
    html = str(form)
    assert f"基层工作部 #{fed.basic_work_dept.pk}" in html
    assert f'value="{fed.publicity_dept.pk}" checked> 河南省总工会 · 宣传教育部' in html


def test_search_endpoint_answers_only_within_scope(fed, loudi_dept, client_for):
    client = client_for(fed.province_admin)
    found = client.get("/pickers/department/", {"q": "部"}).json()["results"]
    labels = [r["label"] for r in found]
    assert "河南省总工会 · 基层工作部" in labels
    assert not any("娄底" in label for label in labels)
    assert client.get("/pickers/department/", {"q": "保密"}).json() == {"results": []}
    outsider = client_for(fed.outsider).get("/pickers/organization/", {"q": "郑州"})
    assert outsider.json() == {"results": []}


def test_search_endpoint_htmx_fragments(fed, loudi_dept, client_for):
    client = client_for(fed.province_admin)
    options = client.get(
        "/pickers/organization/", {"field": "org", "org": "郑州"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert f'<option value="郑州市总工会 #{fed.zhengzhou.pk}">' in options
    checks = client.get(
        "/pickers/department/",
        {
            "field": "d__q",
            "d__q": "宣传",
            "mode": "multiple",
            "name": "d",
            "d": [fed.basic_work_dept.pk, loudi_dept.pk],
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    # The checked in-scope choice is kept, the out-of-scope id is dropped without its name.
    assert f'value="{fed.basic_work_dept.pk}" checked' in checks
    assert f'value="{fed.publicity_dept.pk}">' in checks
    assert "保密部" not in checks and str(loudi_dept.pk) not in checks


def test_search_endpoint_narrowing_is_itself_scoped(fed, client_for):
    client = client_for(fed.city_admin)
    # 郑州's admin asks for the children of 湖南's 娄底: nothing, not 娄底's unions.
    found = client.get("/pickers/organization/", {"q": "工会", "parent": fed.loudi.pk}).json()
    assert found == {"results": []}
    own = client.get("/pickers/organization/", {"q": "金水", "parent": fed.zhengzhou.pk}).json()
    assert [r["id"] for r in own["results"]] == [str(fed.jinshui.pk)]


def test_search_endpoint_needs_login_and_a_known_source(fed, client, client_for):
    assert client.get("/pickers/organization/", {"q": "郑州"}).status_code == 302
    assert client_for(fed.sysadmin).get("/pickers/nothing/").status_code == 404


@pytest.mark.parametrize("value", ["loudi", "missing"])
def test_resolve_for_request_bodies_says_not_found_either_way(fed, value):
    pk = fed.loudi.pk if value == "loudi" else 987654
    with pytest.raises(ValidationFailed) as exc:
        ORGANIZATIONS.resolve(fed.province_admin, [fed.zhengzhou.pk, pk], field="org_ids")
    assert exc.value.message == f"找不到编号为 {pk} 的记录，或不在您的管理范围内"
    assert exc.value.field == "org_ids"
    assert ORGANIZATIONS.resolve(fed.province_admin, [fed.zhengzhou.pk]) == [fed.zhengzhou]


def _sliced_choice_sets(path: Path) -> list[str]:
    """`x.queryset = ...[:N]`, `x.choices = ...[:N]` or `queryset=...[:N]` in a forms module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        values = []
        if isinstance(node, ast.Assign):
            targets = [t for t in node.targets if isinstance(t, ast.Attribute)]
            if any(t.attr in ("queryset", "choices") for t in targets):
                values.append(node.value)
        if isinstance(node, ast.Call):
            values += [k.value for k in node.keywords if k.arg in ("queryset", "choices")]
        for value in values:
            for sub in ast.walk(value):
                if isinstance(sub, ast.Subscript) and isinstance(sub.slice, ast.Slice):
                    found.append(f"{path}:{node.lineno}")
                if isinstance(sub, ast.Call) and getattr(sub.func, "id", "") in ("islice",):
                    found.append(f"{path}:{node.lineno}")
    return found


def test_no_form_offers_a_truncated_choice_set():
    root = Path(__file__).resolve().parents[2]
    modules = [p for p in root.glob("*/forms.py")] + list(root.glob("*/forms/*.py"))
    assert modules
    offenders = [hit for path in modules for hit in _sliced_choice_sets(path)]
    assert offenders == [], "use a picker (gonghui.core.pickers) instead of a sliced list"
