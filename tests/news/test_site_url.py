"""The site's public address comes from SITE_URL: feeds, their enclosures and the sitemap point
where the site really answers, and a Site changed in the admin shows in feeds at once."""

import io
import urllib.request

import factory
import feedparser
import pytest
import wagtail_factories
from wagtail.models import Site

from news.models import ArticlePage
from tests.factories import SectionPageFactory, build_home
from tests.helpers import publish
from website import demo

AUDIO = b"ID3" + bytes(range(256)) * 8


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


@pytest.mark.django_db(transaction=True)
def test_a_podcast_client_downloads_the_recording_the_feed_names(live_server, settings):
    settings.SITE_URL = live_server.url
    home = build_home()  # a Site on localhost:80, as Wagtail's own migration leaves it
    demo.load(io.StringIO())  # what `make run` does, with SITE_URL the server's address
    section = SectionPageFactory(parent=home, title="Thời sự", slug="thoi-su")
    audio = wagtail_factories.DocumentFactory(
        title="Bản tin 15/01", file=factory.django.FileField(filename="ban-tin.mp3", data=AUDIO)
    )
    story = section.add_child(
        instance=ArticlePage(
            title="Bản tin phát thanh ngày 15/01", lead="Tin.", for_radio=True, radio_audio=audio
        )
    )
    publish(story)

    feed = feedparser.parse(fetch(live_server.url + "/feeds/radio.rss"))
    (entry,) = feed.entries
    assert entry.link == f"{live_server.url}/thoi-su/{story.slug}/"
    (enclosure,) = entry.enclosures
    assert enclosure.href.startswith(live_server.url + "/")
    assert fetch(enclosure.href) == AUDIO
    sitemap = fetch(live_server.url + "/sitemap.xml").decode()
    assert f"<loc>{live_server.url}/thoi-su/{story.slug}/</loc>" in sitemap
    assert f"{live_server.url}/feeds/radio.rss" in fetch(live_server.url + "/feeds/").decode()


@pytest.mark.django_db
def test_a_site_changed_in_the_admin_shows_in_cached_feeds_at_once(
    admin_client, read_feed, make_story
):
    make_story(title="Tin đã đăng")
    assert read_feed("/feeds/latest.rss").feed.link == "http://localhost/"  # now in the cache
    site = Site.objects.get(is_default_site=True)
    response = admin_client.post(
        f"/admin/sites/edit/{site.pk}/",
        {
            "hostname": "kienluong.example.vn",
            "port": "443",
            "site_name": site.site_name,
            "root_page": site.root_page_id,
            "is_default_site": "on",
        },
    )
    assert response.status_code == 302
    feed = read_feed("/feeds/latest.rss")
    assert feed.feed.link == "https://kienluong.example.vn/"
    assert feed.entries[0].link.startswith("https://kienluong.example.vn/")
