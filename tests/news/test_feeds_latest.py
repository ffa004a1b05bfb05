"""The feed of every section and the feed of one section: which stories, in which order."""

import datetime
import unicodedata

import pytest
from django.utils import timezone
from lxml import etree
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.helpers import feed_titles, publish

FORMATS = ["rss", "atom"]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_latest_lists_every_section_newest_first(read_feed, home, section, make_story, fmt):
    other = SectionPageFactory(parent=home, title="Xây dựng Đảng", slug="xay-dung-dang")
    older = make_story(title="Khen thưởng 30 tập thể")
    newer = make_story(parent=other, title="Hũ gạo tình thương")
    feed = read_feed(f"/feeds/latest.{fmt}")
    assert feed_titles(feed) == [newer.title, older.title]
    assert feed.feed.title == "Ban Tuyên giáo Huyện ủy Kiên Lương – Tin mới nhất"
    assert feed.entries[0].link == "http://localhost/xay-dung-dang/" + newer.slug + "/"
    assert feed.entries[0].tags[0].term == "Xây dựng Đảng"
    assert feed.entries[0].summary == newer.lead


@pytest.mark.django_db
def test_rss_has_the_required_elements_and_declares_utf8(client, make_story):
    make_story(title="Cờ Đảng và cờ phướn trên trục đường chính")
    response = client.get("/feeds/latest.rss")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    channel = etree.fromstring(response.content).find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name).strip()
    assert channel.findtext("link") == "http://localhost/"
    assert channel.find("item").findtext("title") == "Cờ Đảng và cờ phướn trên trục đường chính"


@pytest.mark.django_db
def test_dates_are_given_in_vietnam_time(client, make_story):
    when = datetime.datetime(2018, 1, 15, 1, 30, tzinfo=datetime.UTC)
    make_story(published_at=when)
    assert (
        b"<pubDate>Mon, 15 Jan 2018 08:30:00 +0700</pubDate>"
        in client.get("/feeds/latest.rss").content
    )
    assert (
        b"<published>2018-01-15T08:30:00+07:00</published>"
        in client.get("/feeds/latest.atom").content
    )


@pytest.mark.django_db
def test_vietnamese_text_is_kept_as_written_in_nfc(read_feed, make_story):
    decomposed = unicodedata.normalize("NFD", "Nụ cười công sở ở bộ phận một cửa")
    make_story(title=decomposed + "\x0b", byline="Ngọc Hân")
    feed = read_feed("/feeds/latest.atom")
    assert feed.entries[0].title == "Nụ cười công sở ở bộ phận một cửa"
    assert feed.entries[0].author == "Ngọc Hân"


def publish_many(section, count):
    """Stories made live directly: the limit tests need many and no publishing workflow."""
    now = timezone.now()
    for n in range(count):
        ArticlePageFactory(
            parent=section,
            title=f"Tin {n:03d}",
            published_at=now - datetime.timedelta(minutes=count - n),
            first_published_at=now,
            last_published_at=now,
        )


@pytest.mark.django_db
def test_fifty_items_by_default_and_never_more_than_a_hundred(read_feed, section):
    publish_many(section, 105)
    for query, count in [
        ("", 50),
        ("?limit=3", 3),
        ("?limit=100", 100),
        ("?limit=100000", 100),
        ("?limit=" + "9" * 40, 100),
    ]:
        feed = read_feed("/feeds/latest.rss" + query)
        assert len(feed.entries) == count, query
        assert feed.entries[0].title == "Tin 104"


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "-7"])
def test_a_limit_below_one_gives_one_item(read_feed, make_story, value):
    make_story()
    make_story()
    assert len(read_feed(f"/feeds/latest.atom?limit={value}").entries) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "1.5", "9" * 5000, "١٠", "1e3"])
def test_a_malformed_limit_is_refused_in_vietnamese(client, home, value):
    response = client.get("/feeds/latest.rss", {"limit": value})
    assert response.status_code == 400
    assert "limit phải là một số nguyên từ 1 đến 100" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feeds/latest.rss", "/feeds/radio.atom", "/feeds/province.rss"])
def test_drafts_private_and_scheduled_stories_never_appear(read_feed, section, make_story, url):
    flags = {"for_radio": True, "for_province": True}
    make_story(title="Bài đã đăng", **flags)
    draft = ArticlePageFactory(parent=section, title="Bản nháp", live=False, **flags)
    draft.save_revision()
    scheduled = ArticlePageFactory(
        parent=section,
        title="Bài hẹn giờ",
        live=False,
        go_live_at=timezone.now() + datetime.timedelta(days=1),
        **flags,
    )
    publish(scheduled)
    private = make_story(title="Bài nội bộ", **flags)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    edited = make_story(title="Tiêu đề đã duyệt", **flags)
    edited.title = "Tiêu đề chưa duyệt"
    edited.save_revision()
    assert sorted(feed_titles(read_feed(url))) == ["Bài đã đăng", "Tiêu đề đã duyệt"]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_publish_edit_unpublish_and_delete_show_at_once(read_feed, make_story, fmt):
    url = f"/feeds/latest.{fmt}"
    first = make_story(title="Băng rôn dọc khu đô thị Ba Hòn")
    assert feed_titles(read_feed(url)) == [first.title]
    second = make_story(title="21 pano tuyên truyền")
    assert feed_titles(read_feed(url)) == [second.title, first.title]
    first.title = "37 băng rôn dọc khu đô thị Ba Hòn"
    publish(first)
    assert feed_titles(read_feed(url)) == [second.title, "37 băng rôn dọc khu đô thị Ba Hòn"]
    second.unpublish()
    assert feed_titles(read_feed(url)) == ["37 băng rôn dọc khu đô thị Ba Hòn"]
    first.delete()
    assert feed_titles(read_feed(url)) == []


@pytest.mark.django_db
def test_a_story_made_private_leaves_the_feed_at_once(read_feed, make_story):
    story = make_story(title="Bài sắp thành nội bộ")
    assert feed_titles(read_feed("/feeds/latest.rss")) == [story.title]
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    assert feed_titles(read_feed("/feeds/latest.rss")) == []
