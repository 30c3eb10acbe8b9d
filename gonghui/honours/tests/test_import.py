"""Excel import of a nomination list: the template offers the round's awards as a drop-down, a
good file previews with masked names and imports every row as a draft, and a file with any bad
row writes nothing, each problem said in Chinese at its Excel row — the nominee unknown in the
importer's scope, a duplicate within the file or the round, a union past its quota."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gonghui.core.exceptions import ValidationFailed
from gonghui.core.spreadsheets import read_rows
from gonghui.honours import services
from gonghui.honours.imports import NominationImport
from gonghui.honours.models import Nomination
from gonghui.honours.workflow import Status
from gonghui.testing import make_person

from .factories import make_chain, nominate_person

pytestmark = pytest.mark.django_db


def _xlsx(schema, rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(schema.headers)
    for row in rows:
        ws.append([row.get(h, "") for h in schema.headers])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _row(fed, chain, person, **extra):
    return {
        "推荐单位": fed.grassroots.name,
        "奖项": chain.medal.name,
        "推荐对象": person.name,
        "身份证号": person.id_number,
        "一线职工": "是",
        "事迹材料": "扎根一线二十年。",
    } | extra


def test_the_template_offers_the_rounds_awards_and_yes_no(fed):
    chain = make_chain(fed)
    wb = load_workbook(io.BytesIO(NominationImport(chain.round).template()))
    sheet = wb.worksheets[0]
    lists = [str(v.formula1) for v in sheet.data_validations.dataValidation]
    assert f'"{chain.medal.name},{chain.pioneer.name}"' in lists or (
        f'"{chain.pioneer.name},{chain.medal.name}"' in lists
    )
    assert '"是,否"' in lists
    assert [c.value for c in sheet[2]][1] in (chain.medal.name, chain.pioneer.name)
    assert [c.value for c in sheet[1]][:3] == ["推荐单位", "奖项", "推荐对象"]


def test_a_good_file_previews_masked_and_imports_drafts(fed, client_for):
    chain = make_chain(fed)
    first = make_person(fed.grassroots, name="张建国", phone="13700000001")
    second = make_person(fed.grassroots, name="李秀英", phone="13700000002")
    schema = NominationImport(chain.round)
    rows = [
        _row(fed, chain, first),
        _row(fed, chain, second, 一线职工="否", 工作单位="宏达机械二车间"),
        {"推荐单位": fed.grassroots.name, "奖项": chain.pioneer.name, "推荐对象": "数控车间"},
    ]
    client = client_for(chain.grassroots)
    url = reverse("honours:nomination_import", args=[chain.round.pk])
    upload = SimpleUploadedFile("名单.xlsx", _xlsx(schema, rows).read())
    preview = client.post(url, {"file": upload}).content.decode()
    assert "张*" in preview and "张建国" not in preview and first.id_number not in preview

    done = client.post(url, {"confirm": "1"})
    assert done.status_code == 302
    made = {n.nominee_name: n for n in Nomination.objects.filter(round=chain.round)}
    assert set(made) == {"张建国", "李秀英", "数控车间"}
    assert all(n.status == Status.DRAFT for n in made.values())
    assert made["张建国"].person == first and made["张建国"].is_frontline
    assert made["李秀英"].unit == "宏达机械二车间" and not made["李秀英"].is_frontline
    assert made["数控车间"].person is None and made["数控车间"].unit == fed.grassroots.name


def test_a_file_with_a_bad_row_writes_nothing_and_says_why_per_row(fed):
    chain = make_chain(fed)
    services.set_quota(
        by=chain.province, round_=chain.round, organization=fed.grassroots, award=chain.medal,
        quota=2,
    )  # fmt: skip
    taken = nominate_person(fed, chain)  # already in the round: one of the two places
    people = [make_person(fed.grassroots, name=f"王{i}", phone=f"1360000000{i}") for i in range(3)]
    hunan = make_person(fed.loudi_grassroots, name="赵湘", phone="13600000009")
    schema = NominationImport(chain.round)
    rows = [
        _row(fed, chain, people[0]),  # row 2: fits the quota
        _row(fed, chain, people[0]),  # row 3: same nominee as row 2
        _row(fed, chain, people[1]),  # row 4: past the quota
        _row(fed, chain, taken.person),  # row 5: already nominated in the round
        _row(fed, chain, hunan),  # row 6: outside the importer's scope
        _row(fed, chain, people[2], 奖项="不存在的奖"),  # row 7
        _row(fed, chain, people[2], 推荐对象="王二", 事迹材料="字" * 5000),  # row 8
    ]
    parsed = read_rows(_xlsx(schema, rows), headers=schema.headers)
    with pytest.raises(ValidationFailed) as exc:
        schema.confirm(by=chain.grassroots, rows=parsed)
    errors = {e["row"]: "".join(e["errors"]) for e in exc.value.errors}
    assert sorted(errors) == [3, 4, 5, 6, 7, 8]
    assert "与第 2 行重复" in errors[3]
    assert "名额为 2 个，本行超出名额" in errors[4]
    assert "已在本次评选中被推荐" in errors[5] and fed.grassroots.name not in errors[5]
    assert "人员库中没有该身份证号的人员" in errors[6]
    assert "奖项“不存在的奖”不在本次评选中" in errors[7]
    assert "姓名不一致" in errors[8] and "事迹材料最多" in errors[8]
    assert Nomination.objects.filter(round=chain.round).count() == 1


def test_import_is_refused_once_the_round_has_left_nominations(fed, client_for):
    chain = make_chain(fed, publish=False)
    response = client_for(chain.grassroots).get(
        reverse("honours:nomination_import", args=[chain.round.pk])
    )
    assert response.status_code == 302
    outsider = client_for(fed.outsider).get(
        reverse("honours:nomination_import_template", args=[chain.round.pk])
    )
    assert outsider.status_code == 404
