"""The people list's rows: the same cells, labels and links as before they were prepared once
per page, in the user's language, with no translation or URL reversing per row."""

import lxml.html
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from gonghui.people.models import Person
from gonghui.testing import make_person


def _rows(response):
    tree = lxml.html.fromstring(response.content.decode())
    return tree.xpath("//table[contains(@class,'list')]/tbody/tr")


def test_a_row_shows_labels_tags_masked_values_and_links(fed, client_for):
    person = make_person(
        fed.grassroots,
        name="张建华",
        gender="F",
        is_volunteer=True,
        is_liaison=True,
        model_worker_level=Person.ModelWorkerLevel.PROVINCIAL,
    )
    (row,) = _rows(client_for(fed.province_admin).get("/people/"))
    cells = [cell.text_content().strip() for cell in row.xpath("./td")]
    assert cells[:4] == ["张建华", "女", person.id_number_masked, person.phone_masked]
    assert cells[4] == fed.grassroots.display_name
    assert [tag.text for tag in row.xpath(".//span[contains(@class,'tag')]")] == person.tags
    links = row.xpath(".//a/@href")
    assert links == [
        reverse("people:detail", args=[person.pk]),
        reverse("organizations:detail", args=[fed.grassroots.pk]),
    ]
    assert row.xpath("./td[1]/@data-label") == ["姓名"]


def test_rows_follow_the_users_language(fed, client_for):
    make_person(fed.grassroots, gender="M", is_needy=True)
    client = client_for(fed.province_admin)
    client.cookies["django_language"] = "en"
    (row,) = _rows(client.get("/people/"))
    with translation.override("en"):
        expected = [gettext("男"), gettext("困难职工"), gettext("姓名")]
    cells = [cell.text_content().strip() for cell in row.xpath("./td")]
    tags = [tag.text for tag in row.xpath(".//span[contains(@class,'tag')]")]
    assert [cells[1], *tags, *row.xpath("./td[1]/@data-label")] == expected
    assert expected != ["男", "困难职工", "姓名"]


def test_every_cell_is_escaped(fed, client_for):
    hostile = '<b onmouseover="x">王&</b>'
    fed.grassroots.short_name = "<i>宏达</i>"
    fed.grassroots.save()
    make_person(fed.grassroots, name=hostile)
    html = client_for(fed.province_admin).get("/people/").content.decode()
    assert hostile not in html and "<i>宏达</i>" not in html
    assert "&lt;b onmouseover=&quot;x&quot;&gt;王&amp;&lt;/b&gt;" in html
    (row,) = _rows(client_for(fed.province_admin).get("/people/"))
    assert row.xpath("./td[1]")[0].text_content() == hostile


def test_an_empty_page_says_so(fed, client_for):
    html = client_for(fed.province_admin).get("/people/?q=没有这个人").content.decode()
    assert "没有符合条件的人员" in html
