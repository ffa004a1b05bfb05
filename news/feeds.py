"""The news feeds: the latest stories, one section's, and the stories offered to the district
radio station and to the provincial portal, on the framework in `website.feeds`."""

from mimetypes import guess_type

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from website.feeds import Feed, PageFeed, audio_seconds, register
from website.text import absolute_html, clean, reading_minutes, spoken_paragraphs

from .models import ArticlePage, SectionPage


class StoryFeed(Feed):
    """Stories of the site, newest first, with author and section."""

    def stories(self):
        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self.site.root_page)
            .for_listing()
            .with_section_title()
        )

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
    order = 10
    title = _("Latest stories")
    description = _("The newest stories of every section.")


@register
class SectionFeed(StoryFeed, PageFeed):
    name = "section"
    order = 10
    page_model = SectionPage
    title = _("One section")
    description = _("The newest stories of a single section.")
    empty = _("No sections yet.")

    @classmethod
    def pages(cls, site):
        return SectionPage.objects.live().public().child_of(site.root_page)

    def stories(self):
        return (
            ArticlePage.objects.live()
            .public()
            .child_of(self.page)
            .for_listing()
            .with_section_title()
        )

    def get_title(self):
        return f"{self.office.office_name} – {self.page.title}"

    def get_description(self):
        return self.page.introduction or _("The newest stories of the section %(section)s.") % {
            "section": self.page.title
        }

    def get_link(self):
        return self.page.get_full_url(self.request)


@register
class RadioFeed(StoryFeed):
    name = "radio"
    order = 20
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
    order = 30
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
