import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.campaigns.tests.factories import assign_basic_work, pdf_bytes, png_bytes
from gonghui.ledger import services
from gonghui.ledger.models import LedgerExport

pytestmark = pytest.mark.django_db


def test_api_upload_submit_and_review(fed, campaign, client_for):
    a = assign_basic_work(fed, campaign, "01.02")
    client = client_for(fed.liaison)
    base = f"/api/v1/ledger/tasks/{a.pk}/evidence"
    for seed in (1, 2):
        r = client.post(
            f"{base}/files", {"file": SimpleUploadedFile(f"{seed}.png", png_bytes(seed))}
        )
        assert r.status_code == 201, r.content
    r = client.post(f"{base}/files", {"file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00" * 50)})
    assert r.status_code == 400 and "内容不是允许的类型" in r.json()["detail"]
    r = client.post(f"{base}/submit", {}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    r = client.post(f"{base}/approve", {}, content_type="application/json")
    assert r.status_code == 403
    leader = client_for(fed.leader)
    r = leader.post(f"{base}/return", {"comment": ""}, content_type="application/json")
    assert r.status_code == 400 and "必须填写点评" in r.json()["detail"]
    r = leader.post(f"{base}/approve", {"comment": "好"}, content_type="application/json")
    assert r.json()["status"] == "approved"


def test_api_lists_are_scoped(fed, campaign, client_for):
    assign_basic_work(fed, campaign, "01.02")
    admin = client_for(fed.province_admin)
    assert [c["id"] for c in admin.get("/api/v1/campaigns/").json()] == [campaign.pk]
    rows = admin.get(f"/api/v1/campaigns/{campaign.pk}/lookback").json()["items"]
    assert rows[0]["indicator_code"] == "01.02" and rows[0]["latest_finish"]
    outsider = client_for(fed.outsider)
    assert outsider.get("/api/v1/campaigns/").json() == []
    assert outsider.get(f"/api/v1/campaigns/{campaign.pk}/lookback").status_code == 404
    assert outsider.get(f"/api/v1/campaigns/{campaign.pk}/assignments").status_code == 404


def _approve(fed, item, *, files, report_text, doc_number=""):
    for name, content in files:
        services.add_file(by=fed.liaison, item=item, upload=SimpleUploadedFile(name, content))
    services.save_report(by=fed.liaison, item=item, report_text=report_text, doc_number=doc_number)
    services.submit(by=fed.liaison, item=item)
    services.approve(by=fed.leader, item=item)


def _approved_plan(fed, campaign):
    """01.01 approved for the basic work department, with a PDF and a document number."""
    item = services.ensure_item(
        assignment=assign_basic_work(fed, campaign, "01.01"), by=fed.liaison
    )
    _approve(
        fed,
        item,
        files=[("计划.pdf", pdf_bytes())],
        report_text="年度计划已印发执行。",
        doc_number="豫工发〔2020〕5号",
    )


def _built_package(fed, campaign) -> LedgerExport:
    export = services.request_export(by=fed.province_admin, campaign=campaign)
    # the immediate task backend runs the build on commit
    export.refresh_from_db()
    if export.state != LedgerExport.State.DONE:
        services.build_export(export_id=export.pk)
        export.refresh_from_db()
    return export


def test_ledger_package_has_a_folder_per_indicator_docx_and_index(fed, campaign):
    _approved_plan(fed, campaign)
    export = _built_package(fed, campaign)
    assert export.state == LedgerExport.State.DONE and export.num_done == 1
    with export.file.open("rb") as fh, zipfile.ZipFile(io.BytesIO(fh.read())) as zf:
        names = zf.namelist()
        assert "000_台账资料索引.xlsx" in names
        assert any(n.startswith("001_01.01_") and n.endswith("说明报告.docx") for n in names)
        pdf = next(n for n in names if n.endswith("计划.pdf"))
        assert zf.read(pdf) == pdf_bytes()
        assert zf.getinfo(pdf).compress_type == zipfile.ZIP_STORED  # compressed already


def test_each_indicator_report_holds_only_its_own_units_reports(fed, campaign):
    from docx import Document

    _approved_plan(fed, campaign)
    other = services.ensure_item(
        assignment=assign_basic_work(fed, campaign, "01.02"), by=fed.liaison
    )
    photos = [(f"{seed}.png", png_bytes(seed)) for seed in (1, 2)]
    _approve(fed, other, files=photos, report_text="活动照片两张。")
    export = _built_package(fed, campaign)
    with export.file.open("rb") as fh, zipfile.ZipFile(io.BytesIO(fh.read())) as zf:
        texts = {
            n.split("_")[1]: "\n".join(p.text for p in Document(io.BytesIO(zf.read(n))).paragraphs)
            for n in zf.namelist()
            if n.endswith("说明报告.docx")
        }
    assert set(texts) == {"01.01", "01.02"}
    assert "年度计划已印发执行" in texts["01.01"] and "活动照片两张" not in texts["01.01"]
    assert "活动照片两张" in texts["01.02"] and "年度计划" not in texts["01.02"]
    assert texts["01.02"].startswith("01.02 活动照片")
