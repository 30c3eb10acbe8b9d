"""The import pages: upload, review with highlighted spans, confirm; scoped to the user."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.ingest import services
from gonghui.testing import assert_constant_queries, make_org

REPORT = "娄底市总工会慰问困难职工\n发布时间:2016-02-20\n各级工会发放慰(wèi)问金137萬(wàn)多元。"


def make_document(fed):
    upload = SimpleUploadedFile("r.txt", REPORT.encode(), content_type="text/plain")
    return services.ingest_document(by=fed.province_admin, upload=upload, organization=fed.henan)


def test_upload_page_imports_and_redirects_to_review(fed, client_for):
    client = client_for(fed.province_admin)
    upload = SimpleUploadedFile("r.txt", REPORT.encode(), content_type="text/plain")
    response = client.post(reverse("ingest:upload"), {"organization": fed.henan.pk, "file": upload})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    # The normalised text is shown and highlighted, not the corrupted original.
    assert "<mark>137万多元</mark>" in html
    assert "(wàn)" not in html and "萬" not in html


def test_list_shows_only_visible_documents(fed, client_for):
    make_document(fed)
    assert (
        "娄底市总工会慰问困难职工"
        in client_for(fed.province_admin).get(reverse("ingest:index")).content.decode()
    )
    assert (
        "娄底市总工会慰问困难职工"
        not in client_for(fed.outsider).get(reverse("ingest:index")).content.decode()
    )


def test_outsider_gets_404_on_review(fed, client_for):
    document = make_document(fed)
    response = client_for(fed.outsider).get(reverse("ingest:review", args=[document.pk]))
    assert response.status_code == 404


def test_confirm_from_the_review_page(fed, client_for):
    document = make_document(fed)
    proposal = document.proposals.get(kind="activity")
    prefix = f"p{proposal.pk}"
    response = client_for(fed.province_admin).post(
        reverse("ingest:confirm", args=[proposal.pk]),
        {
            f"{prefix}-title": "春节送温暖",
            f"{prefix}-proposed_date": "2016-02-20",
            f"{prefix}-activity_type_code": "condolence",
            f"{prefix}-money": "1370000.50",
            f"{prefix}-participants": "12",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "confirmed"
    assert proposal.activity.money_fen == 137000050
    assert proposal.activity.participants == 12


def test_api_analyse_returns_facts(fed, client_for):
    response = client_for(fed.province_admin).post(
        "/api/v1/ingest/analyse",
        {"text": "浏览量达2.4万余次,参与活动7207人次。"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [f["value"] for f in response.json()["facts"]] == [24000, 7207]


def documents_in_new_units(fed, *, with_unit_names=True):
    """make_rows for the query-count helper: document i, uploaded for a union of its own."""

    def more(indices):
        shown = []
        for i in indices:
            unit = make_org(f"金水第{i}基层工会", parent=fed.jinshui)
            text = f"金水第{i}基层工会开展读书活动\n发布时间:2020-05-0{i + 1}\n参与职工{40 + i}人。"
            upload = SimpleUploadedFile(f"第{i}份.txt", text.encode(), content_type="text/plain")
            services.ingest_document(by=fed.province_admin, upload=upload, organization=unit)
            shown += [f"第{i}份.txt", unit.name] if with_unit_names else [f"第{i}份.txt"]
        return shown

    return more


def test_list_queries_do_not_grow_with_documents(fed, client_for):
    client = client_for(fed.province_admin)
    assert_constant_queries(client, reverse("ingest:index"), documents_in_new_units(fed))


def test_api_list_queries_do_not_grow_with_documents(fed, client_for):
    more = documents_in_new_units(fed, with_unit_names=False)
    assert_constant_queries(client_for(fed.province_admin), "/api/v1/ingest/documents", more)
