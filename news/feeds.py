"""Feeds for readers, the district radio station and the provincial portal, built with feedgen
in RSS 2.0 and Atom 1.0.

A feed is a `Feed` subclass that says which pages it lists (`get_queryset`) and how a page
becomes an item (`fill_entry`). Site-wide feeds are registered with `@register`: the registry
gives them their URL (/feeds/<name>.rss and .atom), their <link rel="alternate"> on every page
and their line on /feeds/. See docs/feeds.md.
"""

import hashlib
from datetime import datetime
from mimetypes import guess_type
from zoneinfo import ZoneInfo

import mutagen
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from website import fragments
from website.models import OfficeSettings
from website.text import (
    absolute_html,
    absolute_url,
    clean,
    reading_minutes,
    spoken_paragraphs,
)

from .models import ArticlePage

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


registry = {}


def register(feed_class):
    registry[feed_class.name] = feed_class
    return feed_class


class Feed:
    """A feed of live, public pages of the requested site, newest first."""

    name = ""  # in the URL and the cache key
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
        return reverse("news:feed", kwargs={"name": self.name, "fmt": fmt})

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
        return f"news:feeds:{version}:{self.site.pk}:{path}:{self.limit}"

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


class StoryFeed(Feed):
    """Stories of the site, newest first, with author and section."""

    def stories(self):
        return ArticlePage.objects.live().public().descendant_of(self.site.root_page).for_listing()

    def get_queryset(self):
        return self.stories()

    def configure(self, generator):
        # dc:creator names the author in RSS, where <author> must be an e-mail address; Atom
        # has its own <author>.
        generator.load_extension("dc", atom=False)

    def item_published(self, story):
        return story.display_date or super().item_published(story)

    def item_summary(self, story):
        return story.lead

    def fill_entry(self, entry, story):
        super().fill_entry(entry, story)
        if story.byline:
            entry.author(name=clean(story.byline))
            entry.dc.dc_creator(clean(story.byline))
        if story.section_title:
            entry.category(term=clean(story.section_title))


@register
class LatestFeed(StoryFeed):
    name = "latest"
    title = _("Latest stories")
    description = _("The newest stories of every section.")


class SectionFeed(StoryFeed):
    def __init__(self, request, site, limit=None, *, section):
        super().__init__(request, site, limit)
        self.section = section

    def stories(self):
        return ArticlePage.objects.live().public().child_of(self.section).for_listing()

    def get_title(self):
        return f"{self.office.office_name} – {self.section.title}"

    def get_description(self):
        return self.section.introduction or _("The newest stories of the section %(section)s.") % {
            "section": self.section.title
        }

    def get_link(self):
        return self.section.get_full_url(self.request)

    def get_path(self, fmt):
        return reverse("news:section_feed", kwargs={"slug": self.section.slug, "fmt": fmt})


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


@register
class RadioFeed(StoryFeed):
    name = "radio"
    title = _("For the radio station")
    description = _(
        "Stories offered to the district radio station: plain text to read on air, with the "
        "estimated reading time and the recording when there is one."
    )

    def get_queryset(self):
        return self.stories().filter(for_radio=True).select_related("radio_audio")

    def configure(self, generator):
        super().configure(generator)
        # itunes: tags let a podcast client subscribe to the recordings.
        generator.load_extension("podcast", atom=False)
        generator.podcast.itunes_author(clean(self.office.office_name))
        generator.podcast.itunes_category("News & Politics")
        generator.podcast.itunes_explicit("no")
        generator.podcast.itunes_summary(clean(self.get_description()))
        if self.office.email:
            generator.podcast.itunes_owner(clean(self.office.office_name), self.office.email)

    def fill_entry(self, entry, story):
        super().fill_entry(entry, story)
        paragraphs = spoken_paragraphs(story.body, story.lead)
        minutes = reading_minutes(story.title, paragraphs)
        notice = ngettext(
            "Estimated reading time: %(minutes)d minute.",
            "Estimated reading time: %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        # The estimate leads the text, apart from the recording's own length (itunes:duration).
        # Plain text with blank lines between paragraphs, and the same as <p>s in the full
        # text (content:encoded), since readers run plain-text lines together.
        entry.description("\n\n".join([notice, *paragraphs]))
        entry.content(
            format_html_join("", "<p>{}</p>", ((text,) for text in [notice, *paragraphs])),
            type="html",
        )
        audio = story.radio_audio
        if audio is not None:
            seconds = audio_seconds(audio)
            if seconds is not None:
                entry.podcast.itunes_duration(seconds)
            entry.enclosure(
                url=self.absolute(audio.url),
                length=audio.get_file_size() or 0,
                type=audio.content_type,
            )


@register
class ProvinceFeed(StoryFeed):
    name = "province"
    title = _("For the provincial portal")
    description = _(
        "Stories contributed to the provincial portal, in full, with their author, section, "
        "hero image and source."
    )
    hero_filter = "max-1200x1200"

    def get_queryset(self):
        return self.stories().filter(for_province=True).prefetch_related("hero_image__renditions")

    def fill_entry(self, entry, story):
        super().fill_entry(entry, story)
        url = story.get_full_url(self.request)
        # Rendering the blocks expands Wagtail's rich text (page and document links) first.
        body = absolute_html(str(story.body), url)
        # The lead (sapo) opens the full text, as the portal publishes it.
        lead = (
            format_html('<p class="lead"><strong>{}</strong></p>', story.lead) if story.lead else ""
        )
        entry.content(clean(lead + body), type="html")
        entry.source(url=url, title=clean(self.office.locality_full_name))
        if story.hero_image is not None:
            try:
                rendition = story.hero_image.get_rendition(self.hero_filter)
                length = rendition.file.size
            except OSError:  # the original file is gone: the story still goes out, without it
                return
            entry.enclosure(
                url=self.absolute(rendition.url),
                length=length,
                type=guess_type(rendition.file.name)[0] or "image/jpeg",
            )
