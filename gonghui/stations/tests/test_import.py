"""Excel import with coordinates: a bad row writes nothing; GCJ-02 rows are stored as WGS-84;
codes are unique in the province, within the file too; organisations only within the scope."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from gonghui.core.exceptions import ValidationFailed
from gonghui.core.spreadsheets import read_rows
from gonghui.stations import coords
from gonghui.stations.models import Station
from gonghui.stations.services import STATION_IMPORT

from .factories import kind, make_station, service

HEADERS = STATION_IMPORT.headers


def rows_of(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append([row.get(h, "") for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return read_rows(buf, headers=HEADERS)


GOOD = {
    "编号": "ZZ-001",
    "名称": "花园路工会驿站",
    "类型": "工会驿站",
    "所属组织": "郑州市金水区总工会",
    "地址": "花园路 1 号",
    "纬度": 34.78,
    "经度": 113.66,
    "服务项目": "饮水、充电",
    "开放时间": "1-5 08:00-20:00",
    "状态": "运营",
}


@pytest.fixture
def seeded(fed):
    kind(), service("water"), service("charging")
    return fed


def test_good_rows_import_with_coordinates_in_any_system(seeded):
    glat, glon = coords.wgs84_to_gcj02(34.70, 113.60)
    rows = rows_of(
        [
            GOOD,
            GOOD
            | {"编号": "ZZ-002", "纬度": glat, "经度": glon, "坐标系": "GCJ-02", "开放时间": "24h"},
        ]
    )
    STATION_IMPORT.confirm(by=seeded.city_admin, rows=rows)
    first, second = Station.objects.order_by("code")
    assert sorted(s.code for s in first.services.all()) == ["charging", "water"]
    assert (second.latitude, second.longitude) == pytest.approx((34.70, 113.60), abs=1e-6)
    assert second.hours_label == "24小时开放"


def test_a_bad_row_writes_nothing_and_says_why(seeded):
    make_station(seeded.zhengzhou, code="ZZ-009")
    rows = rows_of(
        [
            GOOD,
            GOOD,  # the same code again in the file
            GOOD | {"编号": "ZZ-009"},  # already used in 河南
            GOOD | {"编号": "ZZ-003", "纬度": 95, "坐标系": "火星", "服务项目": "按摩"},
            GOOD | {"编号": "ZZ-004", "所属组织": "娄底市总工会"},  # outside the scope
        ]
    )
    with pytest.raises(ValidationFailed) as exc:
        STATION_IMPORT.confirm(by=seeded.city_admin, rows=rows)
    assert Station.objects.count() == 1
    errors = {e["row"]: "".join(e["errors"]) for e in exc.value.errors}
    assert "重复" in errors[3]
    assert "已被使用" in errors[4]
    assert "纬度" in errors[5] and "坐标系" in errors[5] and "按摩" in errors[5]
    assert "娄底市总工会" in errors[6]


def test_the_template_reads_back_as_a_valid_file(seeded, client_for):
    client = client_for(seeded.city_admin)
    response = client.get(reverse("stations:import_template"))
    assert response.status_code == 200
    assert client.get(reverse("stations:import")).status_code == 200
