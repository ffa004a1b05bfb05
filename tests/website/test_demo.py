"""`load_demo`: the demo tells the seed story's truth, reports in Vietnamese and can be run again
without changing anything."""

import io

import feedparser
import mutagen
import pytest
from django.core.management import call_command
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import Page, Revision

from documents.models import DocumentPage
from exemplars.models import Commendation, ExemplarIndexPage, ExemplarPage
from media.models import InventoryIndexPage, InventoryItem
from news import demo as news_demo
from news.models import ArticlePage
from website.management.commands import load_demo as load_demo_command


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return load_demo()


def snapshot():
    return {
        "revisions": Revision.objects.count(),
        "pages": Page.objects.count(),
        "commendations": Commendation.objects.count(),
        "items": InventoryItem.objects.count(),
        "latest revisions": sorted(Page.objects.values_list("pk", "latest_revision_id")),
    }


def test_second_run_changes_nothing_and_reports_in_vietnamese(demo):
    assert "Nội dung trình diễn đã sẵn sàng." in demo
    assert "Demo content ready" not in demo
    before = snapshot()
    again = load_demo()
    assert snapshot() == before
    assert "xuất bản lần này: 0" in again
    assert "Tin bài: 5 chuyên mục, 12 tin bài" in again


def card_names(response):
    tree = lxml_html.fromstring(response.content)
    return [name.text_content().strip() for name in tree.xpath('//*[@class="exemplar-card__name"]')]


def check_real_models_come_first_and_samples_are_labelled(client):
    index = ExemplarIndexPage.objects.get()
    first_page = card_names(client.get(index.url))
    assert len(first_page) == 20
    # The eleven grassroots models of the seed story open the list; samples follow.
    assert "Hũ gạo tình thương" in first_page[:11]
    assert not any("dữ liệu mẫu" in name for name in first_page[:11])
    assert all("dữ liệu mẫu" in name for name in first_page[11:])
    response = client.get(index.url)
    assert response.content.decode().count('class="exemplar-meta__sample"') == 9


def check_hu_gao_shows_the_commendation_the_seed_states(client):
    page = ExemplarPage.objects.get(title="Hũ gạo tình thương")
    text = lxml_html.fromstring(client.get(page.url).content).text_content()
    assert "Ban Thường vụ Huyện ủy Kiên Lương" in text
    assert "được duy trì tốt" in text
    assert "2017" in text


def check_exemplar_feed_holds_the_real_models_only(client):
    feed = feedparser.parse(client.get("/feeds/exemplars.rss").content)
    names = [entry.title for entry in feed.entries]
    assert len(names) == 11
    assert "Hũ gạo tình thương" in names
    assert not any("mẫu" in name for name in names)


def check_no_profile_is_dated_the_day_the_demo_was_loaded(client):
    today = timezone.localdate()
    dates = ExemplarPage.objects.values_list("first_published_at", flat=True)
    assert {timezone.localtime(date).year for date in dates} <= {2017, 2018}
    assert not any(timezone.localtime(date).date() == today for date in dates)


def up_on(client, day=""):
    index = InventoryIndexPage.objects.get()
    response = client.get(f"{index.url}dang-treo/", {"ngay": day} if day else {})
    assert response.status_code == 200
    return response.context["totals"]


def check_nothing_from_2017_2018_hangs_today_but_the_flags_hung_then(client):
    assert up_on(client).total == 0
    then = {kind.value: quantity for kind, quantity in up_on(client, "2017-06-01").by_kind}
    assert then["co_dang"] == 480 and then["co_phuon"] == 530


def check_the_seed_story_has_a_recording_whose_real_length_the_radio_feed_gives(client):
    story = ArticlePage.objects.get(legacy_id="demo-1")
    audio = story.radio_audio
    assert audio is not None and audio.file.name.endswith((".mp3", ".ogg", ".wav"))
    with audio.file.open("rb") as file:
        seconds = mutagen.File(file).info.length
    assert 3 < seconds < 60
    feed = feedparser.parse(client.get("/feeds/radio.rss").content)
    entry = next(entry for entry in feed.entries if entry.title == story.title)
    assert entry.itunes_duration == str(round(seconds))
    assert entry.enclosures[0].href.endswith(audio.url)


def check_the_seed_story_links_the_seven_documents_it_cites(client):
    story = ArticlePage.objects.get(legacy_id="demo-1")
    tree = lxml_html.fromstring(client.get(story.url).content)
    links = {a.text_content(): a.get("href") for a in tree.xpath('//a[@class="document-link"]')}
    assert set(links) == {
        "Chỉ thị số 05-CT/TW",
        "Nghị quyết số 04-NQ/TW",
        "Quy định số 101-QĐ/TW",
        "Quy định số 55-QĐ/TW",
        "Kế hoạch số 74-KH/HU",
        "Kế hoạch số 03-KH/TW",
        "Kế hoạch số 49-KH/TU",
    }
    directive = DocumentPage.objects.get(key="ct-5-tw")
    assert links["Chỉ thị số 05-CT/TW"] == directive.url
    page = client.get(directive.url).content.decode()
    # The other story citing it, and a placeholder PDF that says it is one.
    assert "Huyện ủy ban hành kế hoạch thực hiện chủ đề năm 2017–2018" in page
    assert "bản giả lập, không phải văn bản gốc" in page
    assert "BAN GIA LAP - KHONG PHAI VAN BAN GOC" in directive.file_text
    assert DocumentPage.objects.get(key="qd-101-tw").date_issued.isoformat() == "2012-06-07"


def test_the_demo_tells_the_seed_storys_truth(client, demo):
    """Loading the demo costs half a minute: one load, each check a separate function."""
    check_real_models_come_first_and_samples_are_labelled(client)
    check_hu_gao_shows_the_commendation_the_seed_states(client)
    check_exemplar_feed_holds_the_real_models_only(client)
    check_no_profile_is_dated_the_day_the_demo_was_loaded(client)
    check_nothing_from_2017_2018_hangs_today_but_the_flags_hung_then(client)
    check_the_seed_story_has_a_recording_whose_real_length_the_radio_feed_gives(client)
    check_the_seed_story_links_the_seven_documents_it_cites(client)


@pytest.mark.django_db
def test_without_espeak_ng_the_demo_goes_on_and_says_so(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    out = io.StringIO()
    assert news_demo.radio_recording("Xin chào Kiên Lương.", out) is None
    assert "Không có bản ghi âm phát thanh: máy chưa cài espeak-ng" in out.getvalue()


def test_each_demo_loads_after_the_demos_it_builds_on_whatever_the_order_of_the_apps(monkeypatch):
    found = list(load_demo_command.get_app_submodules("demo"))
    monkeypatch.setattr(load_demo_command, "get_app_submodules", lambda name: found[::-1])
    order = [module.__name__ for module in load_demo_command.demo_loaders()]
    assert order.index("news.demo") < order.index("exemplars.demo")
    # The search documents are written from every other demo's content.
    assert order[0] == "website.demo" and order[-1] == "search.demo"
