"""Every ingest is bounded: a zip bomb is refused before parsing, a huge text is read up to a
bound with a bounded number of facts and proposals, and the review page stays small, saying
in Chinese what was cut."""

import time
import tracemalloc

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.core.exceptions import ValidationFailed
from gonghui.core.tests.test_zip_bounds import bomb
from gonghui.ingest import services
from gonghui.ingest.models import IngestedDocument
from gonghui.ingest.proposals import MAX_ACTIVITY_PROPOSALS
from gonghui.ingest.readers import docx_to_text
from gonghui.ingest.report import MAX_FACTS, MAX_TEXT_CHARS
from gonghui.ingest.selectors import FACTS_PER_PAGE, TEXT_WINDOW_CHARS
from gonghui.ingest.tests.corpus_scoring import docx_bytes

SENTENCE = "组织开展读书活动,发放图书672本,参与职工422人次,捐款5880元。"


def sentences(count: int) -> str:
    """Lines of figures that all differ (a figure restated word for word is one fact)."""
    return "\n".join(
        f"组织开展读书活动,发放图书{672 + i}本,参与职工{422 + i}人次,捐款{5880 + i}元。"
        for i in range(count)
    )


def test_a_docx_zip_bomb_is_refused_quickly_with_bounded_memory(fed):
    upload = SimpleUploadedFile("总结.docx", bomb("docx"))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        try:
            services.ingest_document(by=fed.province_admin, upload=upload, organization=fed.henan)
        except ValidationFailed as exc:
            message = exc.message
        else:
            raise AssertionError("the bomb was accepted")
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "解压后过大" in message
    assert elapsed < 2.0
    assert peak < 8 * 1024 * 1024
    assert not IngestedDocument.objects.exists()


def test_the_docx_reader_stops_at_the_text_bound():
    data = docx_bytes("\n".join(f"第{i}段，职工之家建设。" for i in range(3000)))
    text = docx_to_text(data, max_chars=1000)
    assert 1000 < len(text) < 1100
    assert text.startswith("第0段")


def test_a_huge_text_gives_bounded_facts_proposals_and_page(fed, client_for):
    text = "市总工会工作总结\n" + sentences(80_000)  # about 4.8 MB
    assert len(text.encode()) > 4_500_000
    upload = SimpleUploadedFile("总结.txt", text.encode(), content_type="text/plain")
    document = services.ingest_document(
        by=fed.province_admin, upload=upload, organization=fed.henan
    )
    assert len(document.original_text) <= MAX_TEXT_CHARS
    assert len(document.facts) == MAX_FACTS
    activities = document.proposals.filter(kind="activity").count()
    assert activities == MAX_ACTIVITY_PROPOSALS
    notices = "\n".join(document.notices)
    assert f"只分析了前 {MAX_TEXT_CHARS:,} 字" in notices
    assert f"只保留了前 {MAX_FACTS:,} 条" in notices
    assert f"只生成了前 {MAX_ACTIVITY_PROPOSALS} 项建议" in notices

    client = client_for(fed.province_admin)
    response = client.get(reverse("ingest:review", args=[document.pk]))
    html = response.content.decode()
    assert len(response.content) < 1_000_000
    assert html.count("<tr id=") == FACTS_PER_PAGE
    assert f"只分析了前 {MAX_TEXT_CHARS:,} 字" in html
    assert "此处显示第" in html
    last = client.get(reverse("ingest:review", args=[document.pk]), {"page": 10})
    assert last.content.decode().count("<tr id=") == FACTS_PER_PAGE
    assert f'<tr id="f{MAX_FACTS}">' in last.content.decode()
    assert len(last.content) < 1_000_000


def test_the_text_window_follows_the_page_of_facts(fed):
    from gonghui.ingest.selectors import facts_page

    text = "标题行\n" + sentences(400)
    upload = SimpleUploadedFile("a.txt", text.encode(), content_type="text/plain")
    document = services.ingest_document(
        by=fed.province_admin, upload=upload, organization=fed.henan
    )
    second = facts_page(document, 2)
    start, end = second.window
    first_fact = second.page.object_list[0].fact
    assert start <= first_fact["start"] and end - start <= TEXT_WINDOW_CHARS
    marked = [p.fact_index for p in second.pieces if p.fact_index is not None]
    assert marked[0] == FACTS_PER_PAGE


def test_the_analyse_api_is_bounded_and_says_so(fed, client_for):
    text = sentences(20_000)
    response = client_for(fed.province_admin).post(
        "/api/v1/ingest/analyse", {"text": text}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert len(body["facts"]) == MAX_FACTS
    assert len(body["text"]) <= MAX_TEXT_CHARS
    assert any("只分析了前" in n for n in body["notices"])
