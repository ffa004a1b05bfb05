"""The radio station's desk: stories sent in by correspondents and units (intake), the
station's programmes and their rundowns, and what the station sends to the province."""

import secrets
import uuid
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from website.feeds import audio_seconds
from website.models import commune_field
from website.text import clean, fold, reading_seconds, spoken_paragraphs

from .admin_forms import WEEKDAYS, SlotForm

# Tracking codes avoid the characters people misread when they copy a code from paper or a
# phone call: no 0/O, no 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def new_tracking_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """A code as a sender may type it back: any case, spaces or dashes between groups."""
    return "".join(char for char in (text or "").upper() if char.isalnum())


def sample_field():
    """Marks the demo's invented records (radio/demo.py): the work report says how many of
    its figures they make."""
    return models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("An invented record that only illustrates the figures of the work report."),
    )


class SubmissionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    EDITING = "editing", _("Being edited")
    PUBLISHED = "published", _("Published")
    ON_AIR = "on_air", _("Used on air")
    PROVINCE = "province", _("Sent to the province")
    DECLINED = "declined", _("Declined")


class Submission(ClusterableModel):
    """A story sent to the office by a commune correspondent or a member unit."""

    code = models.CharField(
        _("tracking code"), max_length=CODE_LENGTH, unique=True, default=new_tracking_code
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), max_length=30_000)
    author = models.CharField(_("author"), max_length=120)
    unit = models.CharField(
        _("unit"),
        max_length=200,
        blank=True,
        help_text=_("The member unit or office that sends the story, if any."),
    )
    commune = commune_field()
    contact = models.CharField(
        _("email or phone"),
        max_length=200,
        help_text=_("How the office can reach the sender."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.RECEIVED,
        db_index=True,
    )
    decline_reason = models.TextField(
        _("reason for declining"),
        blank=True,
        help_text=_("Shown to the sender who looks up the code."),
    )
    story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    remote_addr = models.GenericIPAddressField(_("sender's address"), null=True, blank=True)
    is_sample = sample_field()

    panels = [
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("decline_reason"), FieldPanel("story")],
            heading=_("Handling"),
        ),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("author"), FieldPanel("contact")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("commune")]),
        InlinePanel("files", heading=_("Photos and audio files"), label=_("file")),
        FieldPanel("is_sample"),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("author"),
        index.SearchField("unit"),
        index.SearchField("code"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("submitted story")
        verbose_name_plural = _("submitted stories")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.code} – {self.title}"

    def clean(self):
        if self.status == SubmissionStatus.DECLINED and not self.decline_reason.strip():
            raise ValidationError(
                {"decline_reason": _("Say why the story is declined: the sender will read it.")}
            )

    def photos(self):
        return [f for f in self.files.all() if f.kind == SubmissionFile.PHOTO]

    def audio_files(self):
        return [f for f in self.files.all() if f.kind == SubmissionFile.AUDIO]


def submission_upload_to(instance, filename):
    # An unguessable name: the files are the sender's until the office accepts the story.
    return f"radio/submissions/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class SubmissionFile(Orderable):
    PHOTO = "photo"
    AUDIO = "audio"
    KINDS = [(PHOTO, _("Photo")), (AUDIO, _("Audio"))]

    submission = ParentalKey(Submission, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=5, choices=KINDS)
    file = models.FileField(_("file"), upload_to=submission_upload_to)
    name = models.CharField(_("file name"), max_length=255, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("file"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.name or PurePath(self.file.name).name


class Channel(models.TextChoices):
    DISTRICT_RADIO = "district_radio", _("District radio")
    PROVINCE_RADIO = "province_radio", _("Provincial radio")
    PROVINCE_TV = "province_tv", _("Provincial television")


def slot_slug(name):
    return slugify(fold(name))[:120]


class Slot(models.Model):
    """A recurring programme of the station ("Thời sự" daily, "Chuyên mục Thuế" four times a
    week), defined once."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("address in the feed's URL"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "The slot's podcast feed is at /feeds/podcast/<address>.rss; leave empty to make "
            "it from the name."
        ),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.DISTRICT_RADIO
    )
    length_minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    recurrence = models.CharField(
        _("recurrence"),
        max_length=200,
        blank=True,
        help_text=_('As the station says it, for example "daily at 17:00" or "monthly".'),
    )
    days = models.CharField(
        _("days of the week"),
        max_length=20,
        blank=True,
        help_text=_("The days it is on air, if it has fixed days."),
    )

    base_form_class = SlotForm
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("channel"), FieldPanel("length_minutes")]),
        FieldPanel("recurrence"),
        FieldPanel("days"),
    ]

    class Meta:
        verbose_name = _("programme slot")
        verbose_name_plural = _("programme slots")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slot_slug(self.name)
        super().save(*args, **kwargs)

    @property
    def title(self):
        """The name the feed framework gives a feed's page (/feeds/)."""
        return self.name

    @property
    def length_seconds(self):
        return self.length_minutes * 60

    def day_list(self):
        return [day for day in self.days.split(",") if day]

    def days_display(self):
        names = dict(WEEKDAYS)
        return ", ".join(str(names[day]) for day in self.day_list() if day in names)

    days_display.short_description = _("days of the week")


class Programme(ClusterableModel):
    """One broadcast of a slot on a date: its ordered rundown, then its recording."""

    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="programmes"
    )
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Leave empty to use the slot's name.")
    )
    pronunciation_notes = models.TextField(
        _("pronunciation notes"),
        blank=True,
        help_text=_("Names and words the announcer should say in a particular way."),
    )
    aired = models.BooleanField(_("aired"), default=False)
    recording = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("recording"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The programme as it went on air (an audio file)."),
    )
    recording_seconds = models.PositiveIntegerField(
        _("recording length (seconds)"), null=True, blank=True, editable=False
    )
    is_sample = sample_field()

    panels = [
        # A handful of slots: a list, not the snippet chooser.
        FieldRowPanel([FieldPanel("slot", widget=forms.Select), FieldPanel("date")]),
        FieldPanel("title"),
        FieldPanel("pronunciation_notes"),
        InlinePanel("items", heading=_("Rundown"), label=_("item")),
        MultiFieldPanel(
            [FieldPanel("recording"), FieldPanel("aired")], heading=_("After the broadcast")
        ),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-date", "slot__name"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "date"], name="radio_programme_slot_date")
        ]

    def __str__(self):
        return f"{self.title or self.slot} – {self.date:%d/%m/%Y}"

    def clean(self):
        if self.recording_id is not None:
            seconds = audio_seconds(self.recording)
            if seconds is None:
                raise ValidationError(
                    {"recording": _("This document is not an audio file that can be played.")}
                )
            self.recording_seconds = seconds
        else:
            self.recording_seconds = None
        if self.aired and self.date > timezone.localdate():
            raise ValidationError({"aired": _("A programme cannot be aired before its date.")})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)  # with the rundown: ClusterableModel saves it here
        if self.aired:
            # The submitted stories it read were used on air.
            Submission.objects.filter(
                story_id__in=self.items.exclude(story=None).values("story_id"),
                status__in=[SubmissionStatus.EDITING, SubmissionStatus.PUBLISHED],
            ).update(status=SubmissionStatus.ON_AIR)

    def total_seconds(self):
        return sum(item.estimated_seconds() for item in self.items.all())

    def balance_seconds(self):
        """Over (positive) or under (negative) the slot's length."""
        return self.total_seconds() - self.slot.length_seconds


class RundownItem(Orderable):
    STORY = "story"
    INTRO = "intro"
    MUSIC = "music"
    KINDS = [
        (STORY, _("Story")),
        (INTRO, _("Segment intro")),
        (MUSIC, _("Music or jingle")),
    ]

    programme = ParentalKey(Programme, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=5, choices=KINDS, default=STORY)
    story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    heading = models.CharField(
        _("heading"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty for a story's title."),
    )
    text = models.TextField(
        _("text to read"),
        blank=True,
        help_text=_("Leave empty to read the story's radio text; edit it for this programme."),
    )
    music_seconds = models.PositiveIntegerField(
        _("length of the music (seconds)"), null=True, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("music_seconds")]),
        FieldPanel("story"),
        FieldPanel("heading"),
        FieldPanel("text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rundown item")
        verbose_name_plural = _("rundown items")

    def __str__(self):
        return self.title()

    def clean(self):
        if self.kind == self.STORY and self.story_id is None:
            raise ValidationError({"story": _("Choose the story to read.")})
        if self.kind == self.MUSIC and not self.music_seconds:
            raise ValidationError({"music_seconds": _("Give the length of the music.")})
        if self.kind == self.INTRO and not self.text.strip():
            raise ValidationError({"text": _("Write what the announcer says.")})

    def save(self, *args, **kwargs):
        # The story's radio text is copied once, so that the programme's edits are its own.
        if self.kind == self.STORY and self.story_id and not self.text.strip():
            self.text = self.story_text()
        self.text = clean(self.text)
        super().save(*args, **kwargs)

    def story_text(self):
        """What the radio feed reads of the story: its lead and spoken paragraphs."""
        return "\n\n".join(spoken_paragraphs(self.story.body, self.story.lead))

    def title(self):
        if self.heading:
            return self.heading
        if self.kind == self.STORY and self.story_id:
            return self.story.title
        return str(self.get_kind_display())

    def estimated_seconds(self):
        if self.kind == self.MUSIC:
            return self.music_seconds or 0
        text = self.text
        if self.kind == self.STORY and self.story_id and not text.strip():
            text = self.story_text()
        spoken_title = self.title() if self.kind == self.STORY else ""
        return reading_seconds(spoken_title, [text])


class Contribution(models.Model):
    """A story or programme the station sent to the provincial radio or television. The story
    is the site's, or one sent in by a correspondent that the station read without publishing
    it on the site."""

    story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submitted story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    channel = models.CharField(
        _("channel"),
        max_length=20,
        choices=[c for c in Channel.choices if c[0] != Channel.DISTRICT_RADIO],
        default=Channel.PROVINCE_RADIO,
    )
    sent_on = models.DateField(_("sent on"), default=timezone.localdate, db_index=True)
    used = models.BooleanField(_("used by the province"), default=False)
    notes = models.CharField(_("notes"), max_length=255, blank=True)
    is_sample = sample_field()

    panels = [
        FieldPanel("story"),
        FieldPanel("submission"),
        FieldPanel("programme"),
        FieldRowPanel([FieldPanel("channel"), FieldPanel("sent_on")]),
        FieldPanel("used"),
        FieldPanel("notes"),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("contribution to the province")
        verbose_name_plural = _("contributions to the province")
        ordering = ["-sent_on"]

    def __str__(self):
        return str(self.story or self.submission or self.programme or "—")

    def clean(self):
        chosen = [self.story_id, self.submission_id, self.programme_id]
        if sum(pk is not None for pk in chosen) != 1:
            raise ValidationError(_("Choose one story, one submitted story or one programme."))
