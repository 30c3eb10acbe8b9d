import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.campaigns.tests.factories import assign_basic_work, pdf_bytes, png_bytes
from gonghui.core.exceptions import ValidationFailed
from gonghui.ledger import services
from gonghui.ledger.models import EvidenceFile
from gonghui.ledger.workflow import Status

pytestmark = pytest.mark.django_db


def upload(name, content, ctype="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=ctype)


def test_missing_photos_are_refused_with_the_reason(fed, campaign):
    item = services.ensure_item(
        assignment=assign_basic_work(fed, campaign, "01.02"), by=fed.liaison
    )
    services.add_file(by=fed.liaison, item=item, upload=upload("p.png", png_bytes(1)))
    with pytest.raises(ValidationFailed) as exc:
        services.submit(by=fed.liaison, item=item)
    assert "照片不足：要求至少 2 张，已上传 1 张" in exc.value.message
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_report_over_500_characters_is_refused(fed, campaign):
    item = services.ensure_item(
        assignment=assign_basic_work(fed, campaign, "01.02"), by=fed.liaison
    )
    for seed in (1, 2):
        services.add_file(by=fed.liaison, item=item, upload=upload(f"{seed}.png", png_bytes(seed)))
    services.save_report(by=fed.liaison, item=item, report_text="创" * 501)
    with pytest.raises(ValidationFailed, match="最多 500 字，现有 501 字"):
        services.submit(by=fed.liaison, item=item)
    services.save_report(by=fed.liaison, item=item, report_text="创" * 500)
    services.submit(by=fed.liaison, item=item)


def test_missing_doc_number_is_refused(fed, campaign):
    item = services.ensure_item(
        assignment=assign_basic_work(fed, campaign, "01.01"), by=fed.liaison
    )
    services.add_file(by=fed.liaison, item=item, upload=upload("plan.pdf", pdf_bytes()))
    services.save_report(by=fed.liaison, item=item, report_text="年度学雷锋活动计划已印发。")
    with pytest.raises(ValidationFailed, match="缺少文号"):
        services.submit(by=fed.liaison, item=item)
    services.save_report(
        by=fed.liaison,
        item=item,
        report_text="年度学雷锋活动计划已印发。",
        doc_number="豫工发〔2020〕5号",
    )
    services.submit(by=fed.liaison, item=item)


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200,
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200,
    ],
    ids=["html", "exe", "elf"],
)
def test_a_pdf_name_with_other_content_is_refused(fed, campaign, content):
    item = services.ensure_item(
        assignment=assign_basic_work(fed, campaign, "01.01"), by=fed.liaison
    )
    with pytest.raises(ValidationFailed, match="内容不是允许的类型"):
        services.add_file(by=fed.liaison, item=item, upload=upload("计划.pdf", content))
    assert not EvidenceFile.objects.exists()


def test_file_type_not_allowed_by_the_indicator_is_refused(fed, campaign):
    from gonghui.campaigns.models import CampaignIndicator

    CampaignIndicator.objects.filter(campaign=campaign, code="01.01").update(file_types=["pdf"])
    item = services.ensure_item(
        assignment=assign_basic_work(fed, campaign, "01.01"), by=fed.liaison
    )
    with pytest.raises(ValidationFailed, match="允许：pdf"):
        services.add_file(by=fed.liaison, item=item, upload=upload("p.png", png_bytes()))


def test_sha256_and_size_are_recorded_and_duplicates_refused(fed, campaign):
    import hashlib

    item = services.ensure_item(
        assignment=assign_basic_work(fed, campaign, "01.02"), by=fed.liaison
    )
    content = png_bytes(5)
    f = services.add_file(by=fed.liaison, item=item, upload=upload("x.png", content))
    assert f.sha256 == hashlib.sha256(content).hexdigest() and f.size == len(content)
    with pytest.raises(ValidationFailed, match="已上传过"):
        services.add_file(by=fed.liaison, item=item, upload=upload("y.png", content))
