"""A podcast per programme slot: each aired programme with its recording, on the feed
framework (`website.feeds.PageFeed`, one feed per slot at /feeds/podcast/<slot>.rss)."""

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from website.feeds import FEED_TZ, GUID_DATE, PageFeed, audio_seconds, register
from website.text import clean

from .models import Programme, RundownItem, Slot

# A programme is dated by its day; the feed gives it the start of that day, district time.
MIDNIGHT = datetime.time(0, 0)


@register
class SlotPodcastFeed(PageFeed):
    name = "podcast"
    order = 60
    page_model = Slot
    title = _("Radio programmes as podcasts")
    description = _(
        "One feed per programme of the district radio station: each programme as it went on "
        "air, with its recording."
    )
    empty = _("No programmes yet.")

    @classmethod
    def pages(cls, site):
        # Slots belong to the station, not to one site: every site offers them.
        return Slot.objects.all()

    def get_queryset(self):
        return (
            Programme.objects.filter(slot=self.page, aired=True, recording__isnull=False)
            .select_related("slot", "recording")
            .prefetch_related(Prefetch("items", RundownItem.objects.select_related("story")))
            .order_by("-date", "-pk")
        )

    def get_title(self):
        return f"{self.office.office_name} – {self.page.name}"

    def get_description(self):
        return " · ".join(
            str(part) for part in (self.page.get_channel_display(), self.page.recurrence) if part
        )

    def configure(self, generator):
        # itunes: tags, so that a podcast client subscribes to the slot.
        generator.load_extension("podcast", atom=False)
        generator.podcast.itunes_author(clean(self.office.office_name))
        generator.podcast.itunes_category("News & Politics")
        generator.podcast.itunes_explicit("no")
        generator.podcast.itunes_summary(clean(self.get_description()) or self.page.name)

    def item_guid(self, programme):
        return f"tag:{self.site.hostname},{GUID_DATE}:radio-programme-{programme.pk}"

    def item_published(self, programme):
        return datetime.datetime.combine(programme.date, MIDNIGHT, tzinfo=FEED_TZ)

    def item_updated(self, programme):
        return self.item_published(programme)

    def fill_entry(self, entry, programme):
        recording = programme.recording
        url = self.absolute(recording.url)
        entry.id(self.item_guid(programme))
        entry.title(clean(f"{programme.title or programme.slot.name} – {programme.date:%d/%m/%Y}"))
        entry.link(href=url)
        entry.published(self.item_published(programme))
        entry.updated(self.item_updated(programme))
        # Read from the file when the editor attached it; from the file now otherwise.
        seconds = programme.recording_seconds or audio_seconds(recording)
        if seconds:
            entry.podcast.itunes_duration(seconds)
        rundown = [item.title() for item in programme.items.all()]
        if rundown:
            entry.summary(clean(" · ".join(rundown)))
        entry.enclosure(url=url, length=recording.get_file_size() or 0, type=recording.content_type)
