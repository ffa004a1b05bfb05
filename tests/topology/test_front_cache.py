"""Readers through nginx and Varnish, editors on either application machine: what one machine
publishes is served by the cache at once, and both machines share one state."""

import time

import feedparser
import pytest
import requests

from news.models import ArticleViewCount, Feedback
from tests.factories import ArticlePageFactory
from tests.helpers import FLUSH_SECONDS, post_form


def read_twice(topology, path):
    """Read a page twice; the second answer must come from the cache."""
    first = topology.get(path)
    assert first.status_code == 200, path
    again = topology.get(path)
    assert again.headers["X-Cache"] == "HIT", path
    return again


def draft_story(section, title):
    story = ArticlePageFactory.build(title=title, live=False)
    section.add_child(instance=story)
    story.save_revision()
    return story


@pytest.mark.django_db(transaction=True)
def test_reader_pages_come_from_the_cache_without_a_cookie(cached_site, section, make_story):
    story = make_story(title="Kiên Lương ra quân hưởng ứng Ngày Môi trường")
    for path in ("/", section.url, story.url, "/feeds/latest.rss", "/sitemap.xml"):
        response = read_twice(cached_site, path)
        assert "Set-Cookie" not in response.headers, path
        assert "s-maxage" in response.headers["Cache-Control"], path
    page = cached_site.get(story.url)
    assert page.headers["ETag"] and page.headers["Last-Modified"]
    again = cached_site.get(story.url, headers={"If-None-Match": page.headers["ETag"]})
    assert again.status_code == 304
    # A tracking parameter from a shared link is the same page, from the cache.
    shared = cached_site.get(story.url + "?fbclid=IwAR0abc&utm_source=zalo")
    assert shared.headers["X-Cache"] == "HIT"


@pytest.mark.django_db(transaction=True)
def test_a_story_published_on_one_machine_is_served_through_the_cache_at_once(
    cached_site, section, make_story, admin_on
):
    make_story(title="Tin cũ trong chuyên mục")
    for path in ("/", section.url, "/feeds/latest.rss", "/sitemap.xml"):
        read_twice(cached_site, path)
    story = draft_story(section, "Hòn Chông đón 20.000 lượt khách dịp lễ")

    first, second = cached_site.app_urls
    editor = admin_on(first)
    post_form(editor, f"/admin/bulk/wagtailcore/page/publish/?id={story.pk}", {})
    story.refresh_from_db()
    assert story.live

    assert story.title in cached_site.get("/").text
    assert story.title in cached_site.get(section.url).text
    assert cached_site.get(story.url).status_code == 200
    feed = feedparser.parse(cached_site.get("/feeds/latest.rss").content)
    assert feed.entries[0].title == story.title
    assert story.url in cached_site.get("/sitemap.xml").text
    # The other machine builds the same feed: the content version is shared through Redis.
    other = feedparser.parse(cached_site.get("/feeds/latest.rss", base=second).content)
    assert other.entries[0].title == story.title


@pytest.mark.django_db(transaction=True)
def test_an_unpublished_story_leaves_every_cached_page(
    cached_site, home, section, make_story, admin_on
):
    story = make_story(title="Bài đăng nhầm cần gỡ")
    other = make_story(title="Bài khác cùng chuyên mục")
    for path in (story.url, other.url, "/"):
        assert story.title in read_twice(cached_site, path).text

    editor = admin_on(cached_site.app_urls[1])
    post_form(editor, f"/admin/pages/{story.pk}/unpublish/", {})

    assert cached_site.get(story.url).status_code == 404
    for path in (other.url, "/"):
        assert story.title not in cached_site.get(path).text  # nor in the sidebar


@pytest.mark.django_db(transaction=True)
def test_the_rate_limit_reached_on_one_machine_holds_on_the_other(
    cached_site, make_story, settings
):
    story = make_story()
    limit, _window = settings.NEWS_FEEDBACK_RATE
    first, second = cached_site.app_urls

    def send(base):
        # As nginx and Varnish forward it: the reader's address, then nginx's.
        return requests.post(
            f"{base}/reader/feedback/{story.pk}/",
            data={"name": "Trần Thị Bé", "contact": "0987654321", "message": "Xin cảm ơn."},
            headers={"Origin": base, "X-Forwarded-For": "203.0.113.7, 127.0.0.1"},
            allow_redirects=False,
            timeout=30,
        )

    for _ in range(limit):
        assert send(first).status_code == 302
    refused = send(second)
    assert refused.status_code == 400
    assert "Bạn đã gửi nhiều phản hồi" in refused.text
    assert Feedback.objects.count() == limit


@pytest.mark.django_db(transaction=True)
def test_views_counted_on_both_machines_add_up(cached_site, make_story):
    story = make_story(title="Bài được đọc nhiều")
    first, second = cached_site.app_urls

    def view(base):
        response = requests.post(
            f"{base}/reader/views/{story.pk}/",
            headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"},
            timeout=30,
        )
        assert response.status_code == 204

    for base in (first, second, first, second, first):
        view(base)
    time.sleep(FLUSH_SECONDS + 0.5)
    # One more on each machine: each writes what is buffered, wherever it was counted.
    view(first)
    view(second)
    assert ArticleViewCount.objects.get(page=story).views == 7
    sidebar = cached_site.get("/", base=second).text.split("Xem nhiều nhất")[1]
    assert story.title in sidebar
