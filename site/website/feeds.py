"""The feed framework: feeds of live, public pages built with feedgen in RSS 2.0 and Atom 1.0.

A feed is a `Feed` subclass that says which pages it lists (`get_queryset`) and how a page
becomes an item (`fill_entry`). An app's feeds live in its `feeds.py` and are registered with
`@register`: the registry gives a site-wide feed its URL (/feeds/<name>.rss and .atom), its
<link rel="alternate"> on every page and its line on /feeds/; a `PageFeed` (one section's
stories) gets /feeds/<name>/<slug>.rss and its link on its own page. See docs/feeds.md.
"""

import functools
import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo

import mutagen
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from wagtail.utils.apps import get_app_submodules

from . import fragments
from .models import OfficeSettings
from .text import absolute_url, clean

FORMATS = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
# Dates are given in the district's own time (+07:00), as the radio station and portal read them.
FEED_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# The date part of the items' tag: URIs (RFC 4151); never change it, or every item looks new.
GUID_DATE = "2017"
NO_DATE = datetime(2017, 1, 1, tzinfo=FEED_TZ)

# A safety net for deployments whose processes do not share one cache (see docs/feeds.md).
CACHE_SECONDS = 10 * 60


class _Entry(FeedEntry):
    def atom_entry(self, extensions=True):
        # feedgen 1.0 writes an Atom entry's links without their rel, type and length, which
        # would make an enclosure look like a second address of the story.
        entry = super().atom_entry(extensions)
        for element, data in zip(entry.findall("link"), self.link() or [], strict=True):
            for name in ("rel", "type", "length"):
                if data.get(name):
                    element.set(name, data[name])
        return entry


_registry = {}


def register(feed_class):
    _registry[feed_class.name] = feed_class
    return feed_class


@functools.cache
def _discover():
    # Every app's feeds.py registers its feeds when imported, as Wagtail finds wagtail_hooks;
    # on first use rather than at start-up, when the apps' models are all loaded.
    for _app, _module in get_app_submodules("feeds"):
        pass


def _registered(kind):
    _discover()
    found = [feed for feed in _registry.values() if issubclass(feed, kind)]
    return sorted(found, key=lambda feed: feed.order)


def site_feeds():
    """The site-wide feeds, in their order on /feeds/ and in every page's head."""
    return [feed for feed in _registered(Feed) if not issubclass(feed, PageFeed)]


def page_feeds():
    """The feeds of one page each (a section's stories), in their order on /feeds/."""
    return _registered(PageFeed)


def audio_seconds(document):
    """The recording's length in whole seconds, read from the file; None if unreadable."""
    try:
        with document.file.open("rb") as file:
            audio = mutagen.File(file)
    except (OSError, mutagen.MutagenError):
        return None
    if audio is None or not getattr(audio.info, "length", 0):
        return None
    return max(1, round(audio.info.length))


class Feed:
    """A feed of live, public pages of the requested site, newest first."""

    name = ""  # in the URL and the cache key
    order = 0  # its place on /feeds/ and among the <link rel="alternate">
    title = ""
    description = ""
    default_limit = 50
    max_limit = 100
    ttl = 15  # minutes a client should wait before asking again (RSS <ttl>)

    def __init__(self, request, site, limit=None):
        self.request = request
        self.site = site
        self.office = OfficeSettings.for_site(site)
        self.limit = limit or self.default_limit

    @classmethod
    def url(cls, fmt):
        """The feed's address (a path): the one place it is built."""
        return reverse("feed", kwargs={"name": cls.name, "fmt": fmt})

    # Subclasses say what they list and how.

    def get_queryset(self):
        raise NotImplementedError

    def get_title(self):
        return f"{self.office.office_name} – {self.title}"

    def get_description(self):
        return self.description

    def get_link(self):
        return self.site.root_url + "/"

    def get_path(self, fmt):
        return self.url(fmt)

    def configure(self, generator):
        """Load feedgen extensions and set channel-level tags."""

    def item_guid(self, page):
        # A tag: URI from the page's id, so that an edit, a new slug or a move never makes the
        # same story look new to a client.
        return f"tag:{self.site.hostname},{GUID_DATE}:page-{page.pk}"

    def item_published(self, page):
        # Pages made live by code, without publishing, have no publication date.
        return page.first_published_at or page.latest_revision_created_at or NO_DATE

    def item_updated(self, page):
        return page.last_published_at or self.item_published(page)

    def item_summary(self, page):
        return page.search_description

    def fill_entry(self, entry, page):
        entry.id(self.item_guid(page))
        entry.title(clean(page.title))
        entry.link(href=page.get_full_url(self.request))
        entry.published(self.item_published(page).astimezone(FEED_TZ))
        entry.updated(self.item_updated(page).astimezone(FEED_TZ))
        summary = clean(self.item_summary(page))
        if summary:
            entry.summary(summary)

    # Building, shared by every feed.

    def absolute(self, url, base=None):
        return absolute_url(url, base or self.get_link())

    def render(self, fmt):
        with translation.override(settings.LANGUAGE_CODE):
            items = list(self.get_queryset()[: self.limit])
            generator = FeedGenerator()
            self.configure(generator)
            self_url = self.absolute(self.get_path(fmt))
            generator.id(self_url)
            generator.title(clean(self.get_title()))
            generator.description(clean(self.get_description()) or clean(self.get_title()))
            generator.link(href=self_url, rel="self")
            # The last link added is RSS's <link>: the site, not the feed.
            generator.link(href=self.get_link(), rel="alternate")
            generator.language(settings.LANGUAGE_CODE)
            generator.ttl(self.ttl)
            # The newest item's date, not the clock, so that the same content gives the same
            # bytes (and ETag) in every process.
            dates = [self.item_updated(item) for item in items]
            newest = max(dates) if dates else datetime.fromtimestamp(fragments.version(), FEED_TZ)
            generator.updated(newest.astimezone(FEED_TZ))
            generator.lastBuildDate(newest.astimezone(FEED_TZ))
            for item in items:
                self.fill_entry(generator.add_entry(_Entry(), order="append"), item)
            if fmt == "rss":
                return generator.rss_str(pretty=True, encoding="UTF-8")
            return generator.atom_str(pretty=True, encoding="UTF-8")

    def cache_key(self, fmt, version):
        # Hashed: a section's slug may hold letters some cache servers refuse in keys.
        path = hashlib.md5(self.get_path(fmt).encode(), usedforsecurity=False).hexdigest()
        return f"feeds:{version}:{self.site.pk}:{path}:{self.limit}"

    def document(self, fmt):
        """(body, ETag, Last-Modified timestamp), from the cache when nothing changed."""
        version = fragments.version()
        key = self.cache_key(fmt, version)
        cached = cache.get(key)
        if cached is None:
            body = self.render(fmt)
            cached = (body, f'"{hashlib.sha256(body).hexdigest()[:32]}"')
            cache.set(key, cached, CACHE_SECONDS)
        return (*cached, int(version))


class PageFeed(Feed):
    """A feed of one page's listing (a section's stories), at /feeds/<name>/<slug>.rss.

    `title` and `description` introduce these feeds on /feeds/, above `pages()`; `empty` is
    said there when there is none. The page's own feed is announced on the page itself.
    """

    page_model = None
    empty = ""

    def __init__(self, request, site, limit=None, *, page):
        super().__init__(request, site, limit)
        self.page = page

    @classmethod
    def url(cls, fmt, page):
        return reverse("page_feed", kwargs={"name": cls.name, "slug": page.slug, "fmt": fmt})

    @classmethod
    def pages(cls, site):
        """The live, public pages of `site` that have this feed."""
        raise NotImplementedError

    def get_path(self, fmt):
        return self.url(fmt, self.page)
