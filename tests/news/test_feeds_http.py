"""Feeds over HTTP: conditional requests, announcement in every page's head, the /feeds/ page."""

import pytest
import wagtail_factories
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html

from news import feeds
from tests.factories import ArticlePageFactory
from tests.helpers import feed_titles

FEEDS = [
    f"/feeds/{name}.{fmt}"
    for name in ("latest", "radio", "province", "section/hoc-tap")
    for fmt in ("rss", "atom")
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_answers_304_until_something_changes(client, read_feed, make_story, url):
    make_story(title="Bài thứ nhất", for_radio=True, for_province=True)
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag and last_modified
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    make_story(title="Bài thứ hai", for_radio=True, for_province=True)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Bài thứ hai" in feed_titles(read_feed(url))


@pytest.mark.django_db
def test_a_change_elsewhere_leaves_the_etag_alone(client, make_story):
    make_story(title="Gửi tỉnh", for_province=True)
    etag = client.get("/feeds/province.rss")["ETag"]
    make_story(title="Chỉ đăng trên trang")
    assert client.get("/feeds/province.rss", HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.django_db
def test_feeds_answer_head_and_refuse_post(client, make_story):
    make_story()
    assert client.head("/feeds/latest.rss").status_code == 200
    assert client.post("/feeds/latest.rss").status_code == 405


@pytest.mark.django_db
def test_every_page_announces_the_feeds(client, section, make_story):
    story = make_story()
    for url, section_feed in [("/", False), (section.url, True), (story.url, False)]:
        head = lxml_html.fromstring(client.get(url).content).find("head")
        links = {
            link.get("href"): (link.get("type"), link.get("title"))
            for link in head.iterfind("link[@rel='alternate']")
        }
        assert links["/feeds/latest.rss"] == ("application/rss+xml", "Tin mới nhất (RSS)")
        assert links["/feeds/latest.atom"] == ("application/atom+xml", "Tin mới nhất (Atom)")
        assert "/feeds/radio.rss" in links and "/feeds/province.atom" in links
        assert ("/feeds/section/hoc-tap.rss" in links) is section_feed


@pytest.mark.django_db
def test_the_feeds_page_explains_them_in_vietnamese(client, section):
    response = client.get("/feeds/")
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    assert page.findtext(".//h1") == "Tin RSS"
    text = page.text_content()
    assert "Tin, bài cho Đài Truyền thanh" in text
    assert "Tin, bài cộng tác với Cổng thông tin tỉnh" in text
    hrefs = {a.get("href") for a in page.iter("a")}
    assert {"/feeds/latest.rss", "/feeds/radio.atom", "/feeds/section/hoc-tap.rss"} <= hrefs


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feeds/latest.rss", "/feeds/radio.rss", "/feeds/province.atom"])
def test_building_a_feed_takes_the_same_queries_for_few_or_many_stories(client, section, url):
    def queries_for(count):
        for _ in range(count):
            audio = wagtail_factories.DocumentFactory()
            audio.get_file_size()
            hero = wagtail_factories.ImageFactory()
            hero.get_rendition(feeds.ProvinceFeed.hero_filter)
            ArticlePageFactory(
                parent=section,
                for_radio=True,
                for_province=True,
                hero_image=hero,
                radio_audio=audio,
                first_published_at=timezone.now(),
            )
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    client.get(url)  # first request of the process: content types and the like
    assert queries_for(2) == queries_for(6)
