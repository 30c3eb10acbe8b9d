"""English mode speaks English wherever the product speaks: status badges, the role name, the
navigation, headings, table headers and dates on every app's pages, the messages services raise,
and a catalogue with nothing left untranslated. Chinese that remains is the users' own data."""

import datetime as dt
import gettext as gettext_module
import json
import re
from pathlib import Path

import lxml.html
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from gonghui.activities.models import ActivityType
from gonghui.activities.tests.factories import make_activity
from gonghui.campaigns import services as campaign_services
from gonghui.campaigns.models import CampaignKind
from gonghui.campaigns.tests.factories import assign_basic_work, make_version
from gonghui.core import audit
from gonghui.core.exceptions import InvalidTransition, ValidationFailed
from gonghui.ingest import services as ingest_services
from gonghui.ledger import services as ledger_services
from gonghui.testing import make_person
from gonghui.volunteering import services as volunteering_services
from gonghui.wishes import services as wish_services
from gonghui.wishes.models import Wish
from gonghui.wishes.tests.factories import make_wish
from gonghui.wishes.workflow import Status as WishStatus

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+")
CHINESE_DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日")
CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
# An app with its own locale directory keeps its strings there (makemessages puts them there).
CATALOGUES = [
    CATALOGUE,
    *sorted(Path(settings.BASE_DIR).glob("gonghui/*/locale/en/LC_MESSAGES/django.po")),
]

# The parts of a page that are the product's own words, never the users' data.
PRODUCT_WORDS = {
    "badge": "//*[contains(concat(' ', normalize-space(@class), ' '), ' badge ')]",
    "role": "//header//*[contains(@class, 'role')]",
    "navigation": "//nav[contains(@class, 'sidenav')]//*[contains(@class, 'nav-title')]"
    " | //nav[contains(@class, 'sidenav')]//a",
    "table header": "//thead//th",
    "button": "//button | //input[@type='submit']/@value",
    # A label's own words, not the choices of the select inside it.
    "label": "//label[not(ancestor::nav)]/text()",
}


def _text(node) -> str:
    if isinstance(node, str):
        return node
    return " ".join(node.text_content().split())


def chinese_product_words(html: str) -> dict[str, list[str]]:
    """{part: [texts with Chinese]} for badges, role, navigation, titles, headers and buttons."""
    tree = lxml.html.fromstring(html)
    for option in tree.xpath("//select[@name='language']//option"):
        option.drop_tree()  # each language names itself in its own script
    found = {}
    for part, xpath in PRODUCT_WORDS.items():
        texts = [_text(n) for n in tree.xpath(xpath)]
        chinese = [t for t in texts if CJK.search(t)]
        if chinese:
            found[part] = chinese
    return found


def chinese_dates(html: str) -> list[str]:
    text = lxml.html.fromstring(html).text_content()
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in CHINESE_DATE.finditer(text)]


@pytest.fixture
def english(client_for):
    def as_user(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return as_user


@pytest.fixture
def world(fed, tmp_path, settings):
    """One record of each kind, in states that show a status badge."""
    settings.MEDIA_ROOT = tmp_path
    # No year in the names of the data, so a Chinese year on a page can only be a date.
    campaign = campaign_services.create_campaign(
        by=fed.province_admin,
        organization=fed.henan,
        version=make_version(),
        name="争创全国文明单位",
        kind=CampaignKind.UNIT,
        year=2020,
        assessment_date=dt.date(2020, 11, 30),
    )
    assign_basic_work(fed, campaign, deadline=dt.date(2020, 6, 30))
    ledger_services.save_monthly_report(
        by=fed.liaison,
        campaign=campaign,
        organization=fed.henan,
        department=fed.basic_work_dept,
        period="2020-05",
        summary="组织职工读书分享会",
        submit=True,
    )
    # A browser test's database is flushed of the types the migrations seed.
    ActivityType.objects.get_or_create(code="reading", defaults={"name": "理论学习/读书"})
    make_activity(fed.province_admin, organization=fed.henan, title="读书分享会")
    make_person(fed.henan, name="赵志刚")
    for status in (WishStatus.COLLECTED, WishStatus.PUBLISHED, WishStatus.CLAIMED):
        make_wish(fed.grassroots, status)
    leader = fed.city_admin
    team = volunteering_services.create_team(
        by=fed.city_admin,
        organization=fed.zhengzhou,
        name="红马甲服务队",
        kind="party",
        leader=leader,
    )
    volunteering_services.create_event(
        by=fed.city_admin,
        organization=fed.zhengzhou,
        team=team,
        title="清理小广告",
        start_at=dt.datetime(2030, 5, 1, 9, tzinfo=dt.UTC),
        end_at=dt.datetime(2030, 5, 1, 12, tzinfo=dt.UTC),
        capacity=5,
        is_public=True,
    )
    ingest_services.ingest_document(
        by=fed.province_admin,
        upload=SimpleUploadedFile(
            "总结.txt", "市总工会开展读书活动，参与职工120人。".encode(), content_type="text/plain"
        ),
        organization=fed.henan,
    )
    audit.record(by=fed.province_admin, action=audit.Action.UPDATE, summary="修改组织")
    return campaign


def _pages(campaign):
    return {
        "home": "/",
        "people list": "/people/",
        "campaigns list": "/campaigns/",
        "campaign look-back": f"/campaigns/{campaign.pk}/lookback/",
        "ledger meeting": f"/ledger/meeting/?campaign={campaign.pk}&period=2020-05",
        "activities list": "/activities/",
        "volunteering index": "/volunteering/",
        "wishes list": "/wishes/",
        "ingest list": "/ingest/",
        "audit log": "/audit/",
    }


PAGES = [
    "home",
    "people list",
    "campaigns list",
    "campaign look-back",
    "ledger meeting",
    "activities list",
    "volunteering index",
    "wishes list",
    "ingest list",
    "audit log",
]


@pytest.mark.parametrize("page", PAGES)
def test_each_app_page_speaks_english(page, fed, world, english):
    client = english(fed.province_admin)
    response = client.get(_pages(world)[page])
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert chinese_product_words(html) == {}
    assert chinese_dates(html) == []


# --- messages raised by services -------------------------------------------------------------


def test_a_refused_transition_is_explained_in_english(fed):
    wish = make_wish(fed.grassroots, WishStatus.COLLECTED)
    with translation.override("en"), pytest.raises(InvalidTransition) as refused:
        wish_services.publish_wish(wish=wish, by=fed.province_admin)
    message = refused.value.message
    assert not CJK.search(message), message
    assert "Collected" in message and "Publish" in message


def test_a_refused_transition_is_explained_in_chinese_by_default(fed):
    wish = make_wish(fed.grassroots, WishStatus.COLLECTED)
    with (
        translation.override(settings.LANGUAGE_CODE),
        pytest.raises(InvalidTransition, match="当前状态为“已征集”，不能执行“发布”"),
    ):
        wish_services.publish_wish(wish=wish, by=fed.province_admin)


def test_a_service_refusal_reaches_the_english_page_in_english(fed, english):
    wish = make_wish(fed.grassroots, WishStatus.COLLECTED)
    client = english(fed.province_admin)
    response = client.post(f"/wishes/{wish.pk}/publish/", follow=True)
    html = response.content.decode()
    tree = lxml.html.fromstring(html)
    shown = [_text(li) for li in tree.xpath("//ul[@class='messages']/li")]
    assert shown and not any(CJK.search(text) for text in shown), shown


def test_a_form_error_from_a_service_is_in_english(fed):
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        wish_services.collect_wish(
            by=fed.province_admin,
            organization=fed.grassroots,
            title="",
            category=Wish.Category.STUDY,
            amount_band=Wish.AmountBand.UP_TO_300,
            worker_name="王秀英",
            worker_phone="13912345678",
        )
    assert refused.value.message.startswith("Please enter"), refused.value.message
    assert not CJK.search(refused.value.message), refused.value.message


# --- the catalogue ---------------------------------------------------------------------------


def _entries(text: str):
    """(msgctxt, msgid, [msgstr...], flags) of each live entry of a .po file."""
    # A new entry starts at a blank line or at a comment or msgid after a msgstr (a new
    # catalogue may have no blank line between its header and its first entry).
    text = re.sub(
        r'(\nmsgstr(?:\[\d+\])? "[^\n]*"(?:\n"[^\n]*")*)\n(?=#|msgctxt|msgid )', r"\1\n\n", text
    )
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fields, current, flags = {}, None, ""
        for line in lines:
            if line.startswith("#,"):
                flags += line[2:]
                continue
            if line.startswith("#"):
                continue
            match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            strings = [v for k, v in fields.items() if k.startswith("msgstr")]
            yield fields.get("msgctxt"), fields["msgid"], strings, flags


def _unescape(text: str) -> str:
    return json.loads(f'"{text}"')


def _all_entries():
    for catalogue in CATALOGUES:
        yield from _entries(catalogue.read_text(encoding="utf-8"))


def test_the_english_catalogue_leaves_nothing_untranslated():
    assert len(list(_entries(CATALOGUE.read_text(encoding="utf-8")))) > 1000
    entries = list(_all_entries())
    empty = [msgid for _ctx, msgid, strings, _flags in entries if not all(strings)]
    fuzzy = [msgid for _ctx, msgid, _strings, flags in entries if "fuzzy" in flags]
    assert empty == []
    assert fuzzy == []


def test_the_english_catalogue_is_english():
    """Chinese in a translation only quotes the original: a column name or an example value
    the user types or reads in a Chinese file."""
    entries = list(_all_entries())
    invented = [
        (msgid, text)
        for _ctx, msgid, strings, _flags in entries
        for text in strings
        if any(run not in msgid for run in re.findall(r"[\u3400-\u9fff]+", text))
    ]
    assert invented == []


def test_the_compiled_catalogue_matches_the_catalogue():
    """`make messages` was run: the .mo the site reads holds every translation of the .po."""
    stale = []
    for catalogue in CATALOGUES:
        with catalogue.with_suffix(".mo").open("rb") as compiled:
            catalog = gettext_module.GNUTranslations(compiled)._catalog
        for context, msgid, strings, _flags in _entries(catalogue.read_text(encoding="utf-8")):
            key = (
                _unescape(msgid)
                if context is None
                else f"{_unescape(context)}\x04{_unescape(msgid)}"
            )
            if len(strings) > 1:
                key = (key, 0)
            if catalog.get(key) != _unescape(strings[0]):
                stale.append((catalogue.parts[-5], msgid))
    assert stale == []
    with translation.override("en"):
        assert translation.gettext("帮扶专员") == "Assistance officer"
        assert translation.gettext("创建办管理员") == "Campaign office administrator"


def test_every_status_and_verb_label_has_english():
    """Every choice label of every model and every workflow verb, which badges, filters and
    service errors show."""
    from django.apps import apps

    from gonghui.core.workflow import VERB_LABELS

    missing = []
    with translation.override("en"):
        for model in apps.get_models():
            if not model.__module__.startswith("gonghui."):
                continue
            for field in model._meta.get_fields():
                for _value, label in getattr(field, "flatchoices", None) or []:
                    if CJK.search(str(label)):
                        missing.append(f"{model.__name__}.{field.name}: {label}")
        for verb in VERB_LABELS:
            if CJK.search(str(VERB_LABELS[verb])):
                missing.append(f"verb {verb}: {VERB_LABELS[verb]}")
    assert missing == []


# --- in a browser ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_choosing_english_in_the_menu_turns_the_look_back_english(fed, world, open_page):
    page = open_page(fed.province_admin)
    page.goto(f"/campaigns/{world.pk}/lookback/")
    assert "已逾期" in page.locator("td span.badge").all_inner_texts()
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    badges = page.locator("td span.badge").all_inner_texts()
    assert "Overdue" in badges and "Past the latest finish date" in badges
    assert page.locator("header .role").inner_text() == "Campaign office administrator"
    assert not CJK.search(page.locator("nav.sidenav").inner_text().replace("简体中文", ""))
