"""Browser journeys of the people import: a file with a bad row shows the row's error in Chinese
and writes nothing; a clean file previews, imports on confirmation and lists masked."""

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from gonghui.people.models import Person
from gonghui.people.services import IMPORT_HEADERS
from gonghui.testing import valid_id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def workbook(rows) -> dict:
    wb = Workbook()
    ws = wb.active
    ws.append(IMPORT_HEADERS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return {
        "name": "人员导入.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": buffer.getvalue(),
    }


def upload(page, rows):
    page.goto("/people/import/")
    page.locator("input[name=file]").set_input_files(workbook(rows))
    page.get_by_role("button", name="上传并预览").click()


def test_a_bad_row_is_shown_in_chinese_and_nothing_is_written(fed, open_page):
    before = Person.objects.count()
    page = open_page(fed.city_admin)
    upload(
        page,
        [
            ["王芳", valid_id_number(), "13800000001", "郑州市总工会"],
            ["李强", "410102198506154510", "13800000002", "郑州市总工会"],
        ],
    )
    expect(
        page.get_by_role("heading", name="1 行有错误，未写入任何数据；请改正后重新上传")
    ).to_be_visible()
    bad = page.locator("tr", has_text="李强")
    expect(bad.locator("td.err")).to_contain_text("校验码")
    expect(page.locator("tr", has_text="王芳")).to_contain_text("通过")
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)
    assert Person.objects.count() == before


def test_a_clean_file_is_previewed_then_imported_with_masked_ids(fed, open_page):
    number = valid_id_number()
    page = open_page(fed.city_admin)
    upload(page, [["陈晓燕", number, "13800000003", "郑州市总工会", "", "", "", "志愿者"]])
    expect(page.get_by_role("heading", name="预览：1 行全部通过检查")).to_be_visible()
    assert number not in page.content()
    page.get_by_role("button", name="确认导入").click()
    expect(page.locator(".messages")).to_contain_text("已导入 1 人")
    expect(page.get_by_role("link", name="陈晓燕")).to_be_visible()
    assert number not in page.content()
    assert Person.objects.get(name="陈晓燕").id_number == number
