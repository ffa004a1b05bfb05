from collections import Counter
from datetime import UTC, datetime

from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models import Count, F, Prefetch
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.search import index

from website import fragments
from website.blocks import StoryStreamBlock
from website.pagination import heads, paginate
from website.privacy import CachedPrivacyMixin, ReaderPageManager, ReaderPageQuerySet
from website.renditions import SHARING_RENDITION, with_renditions

MIN_DATE = datetime.min.replace(tzinfo=UTC)


class SectionPage(CachedPrivacyMixin, Page):
    """A section (chuyên mục) holding stories, newest first."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=1000)

    objects = ReaderPageManager()

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    per_page = 20

    def get_stories(self):
        return ArticlePage.objects.live().public().in_section(self).cards()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate(
            request,
            self.get_stories,
            self.per_page,
            counted_as=f"section:{self.pk}",
            count=lambda: SectionStoryCount.read(self.pk),
        )
        return context

    parent_page_types = ["website.HomePage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        # "Newest stories with this tag" walks this index instead of every tagged story.
        indexes = [models.Index(fields=["tag", "-content_object"], name="news_tag_newest")]


# The renditions includes/story_card.html shows.
LISTING_RENDITIONS = ("fill-240x160", "fill-640x360")

# Newest first: the order of every story listing, and of the indexes that serve them. A live
# story always has a date (save() fills it in), so NULLs, which SQLite cannot index in this
# order, need no special place.
NEWEST_FIRST = (F("published_at").desc(), F("page_ptr").desc())


def newest_first(rows):
    """(published_at, id, …) rows in NEWEST_FIRST's order."""
    return sorted(rows, key=lambda row: (row[0] or MIN_DATE, row[1]), reverse=True)


def newest_ids(rows):
    """The ids of (published_at, id) rows in NEWEST_FIRST's order."""
    return [row[1] for row in newest_first(rows)]


class ArticlePageQuerySet(ReaderPageQuerySet):
    def in_section(self, section):
        """A section's stories, through the section kept on each story (indexed with the date),
        not through the page tree's paths, which no index orders by date."""
        return self.filter(section=section)

    def newest(self):
        return self.order_by(*NEWEST_FIRST)

    def for_listing(self):
        """What a list of stories shows: hero image, newest first."""
        return self.prefetch_related(
            # The story cards' renditions come with the images: no query per card.
            Prefetch(
                "hero_image",
                queryset=get_image_model().objects.prefetch_renditions(*LISTING_RENDITIONS),
            )
        ).newest()

    def with_section_title(self):
        """Each story's section title as `section_title`, for what names it (feeds, search
        documents). Cards read without it: the join to the section's page row cost every
        listing about 0.3 ms of planning, and only the home page shows it, from the sections
        it has read already."""
        return self.annotate(section_title=F("section__title"))

    def cards(self):
        """What a story card shows: `for_listing()` without the body, the largest column, which
        no card shows (twenty bodies were most of what a page of cards read and decoded)."""
        return self.for_listing().defer("body")

    def listed_by_id(self, *id_lists):
        """For each list of ids, the stories listed as cards in that order: one query for all
        lists, which a cache of ids may have chosen, and no sort."""
        wanted = {pk for ids in id_lists for pk in ids}
        found = {story.pk: story for story in self.filter(pk__in=wanted).cards().order_by()}
        return [[found[pk] for pk in ids if pk in found] for ids in id_lists]

    def most_viewed(self):
        # Ties broken by the same column the index holds, so the index gives the order.
        return self.filter(view_stats__views__gt=0).order_by(
            "-view_stats__views", "-view_stats__page"
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticlePage(CachedPrivacyMixin, Page):
    lead = models.TextField(
        _("lead"),
        max_length=1000,
        help_text=_("The sapo: one or two sentences in bold under the title."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("hero image caption"), max_length=500, blank=True)
    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)
    byline = models.CharField(
        _("byline"),
        max_length=255,
        blank=True,
        help_text=_('The author as printed under the story, for example "Kim Thư".'),
    )
    contributing_unit = models.CharField(
        _("contributing unit"),
        max_length=255,
        blank=True,
        help_text=_("The unit that sent the story, if it is not the office itself."),
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Leave empty to use the moment the story is first published."),
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    for_radio = models.BooleanField(
        _("for the radio station"),
        default=False,
        help_text=_("Offer this story to the district radio station to read on air."),
    )
    for_province = models.BooleanField(
        _("for the provincial portal"),
        default=False,
        help_text=_("Send this story to the provincial portal."),
    )
    radio_audio = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("audio for radio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP3 or M4A recording of the story, if the radio station has one."),
    )
    # The parent section, kept by save() and the move handler: listings filter and order on
    # (section, published_at) through one index instead of scanning the page tree.
    section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    legacy_id = models.CharField(
        _("id in the old system"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )

    objects = ArticlePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("byline"), FieldPanel("contributing_unit")]),
        FieldPanel("published_at"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("for_radio"), FieldPanel("radio_audio"), FieldPanel("for_province")],
            heading=_("Sharing"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("byline"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("published_at"),
        index.FilterField("for_radio"),
        index.FilterField("for_province"),
    ]

    related_count = 5
    others_count = 8

    @property
    def display_date(self):
        return self.published_at or self.first_published_at

    # How many of the newest stories of each tag are weighed as related: a popular tag must
    # not make every story page read all the stories that carry it.
    related_candidates_per_tag = 60

    def save(self, *args, **kwargs):
        if self.path and kwargs.get("update_fields") is None:
            self.section_id = self.parent_id_from_path()
        if self.published_at is None:
            # Published without a date: the moment it first went live.
            self.published_at = self.first_published_at
        return super().save(*args, **kwargs)

    def parent_id_from_path(self):
        parent_path = self.path[: -self.steplen]
        parent = getattr(self, "_cached_parent_obj", None)  # as add_child and routing leave it
        if parent is not None and parent.path == parent_path:
            return parent.pk
        return Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()

    def get_section(self):
        return self.get_parent().specific_deferred

    @cached_property
    def hero(self):
        """The hero image with both renditions the story page shows, its own and a shared
        link's, read together."""
        return with_renditions(self.hero_image_id, "max-800x600", SHARING_RENDITION)

    @cached_property
    def tag_list(self):
        """The story's tags, read once for the page and for its related stories."""
        return list(self.tags.all())

    def story_list_ids(self, stories):
        """(related, others): the stories sharing the most tags (among each tag's newest),
        topped up with the newest of the same section, then the section's newest of the rest.
        The candidates' dates and the section's newest come in one query: the section's
        `related_count + others_count` newest always hold enough of both."""
        tagged = ArticlePageTag.objects.exclude(content_object_id=self.pk)
        candidates = heads(
            [
                (
                    tagged.filter(tag_id=tag_id).order_by("-content_object_id"),
                    self.related_candidates_per_tag,
                )
                for tag_id in [tag.pk for tag in self.tag_list]
            ],
            "content_object_id",
        )
        shared = Counter(pk for rows in candidates for (pk,) in rows)
        lists = [(stories.filter(pk__in=list(shared)).order_by(), len(shared))] if shared else []
        if self.section_id:
            in_section = stories.in_section(self.section_id).newest()
            lists.append((in_section, self.related_count + self.others_count))
        found = heads(lists, "published_at", "pk")
        dated = newest_first(found[0]) if shared else []
        section = newest_ids(found[-1]) if self.section_id else []
        ranked = sorted(dated, key=lambda row: shared[row[1]], reverse=True)
        related = [pk for _, pk in ranked[: self.related_count]]
        related += [pk for pk in section if pk not in related][: self.related_count - len(related)]
        others = [pk for pk in section if pk not in related][: self.others_count]
        return related, others

    def get_story_lists(self):
        """(related stories, other stories of the section): which ones is kept until content
        changes; the stories themselves come in one listing query."""
        stories = ArticlePage.objects.live().public().exclude(pk=self.pk)
        related, others = fragments.cached(
            f"story-lists:{self.pk}", lambda: self.story_list_ids(stories)
        )
        return stories.listed_by_id(related, others)

    def get_context(self, request, *args, feedback_form=None, **kwargs):
        from .forms import FeedbackForm

        context = super().get_context(request, *args, **kwargs)
        # Read only if the template's cached fragments of these lists are missing.
        lists = SimpleLazyObject(self.get_story_lists)
        context["related_stories"] = SimpleLazyObject(lambda: lists[0])
        context["other_stories"] = SimpleLazyObject(lambda: lists[1])
        # A reader's own form (with its errors) or the thanks is rendered for that reader; the
        # empty form and the approved feedback only when the story's fragment is missing.
        context["feedback_sent"] = request.GET.get("phan-hoi") == "da-gui"
        context["feedback_afresh"] = feedback_form is not None or context["feedback_sent"]
        context["feedback_form"] = feedback_form or SimpleLazyObject(FeedbackForm)
        context["feedback_list"] = SimpleLazyObject(
            lambda: list(self.feedback.filter(approved=True).order_by("created_at"))
        )
        return context

    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [
            models.Index(*NEWEST_FIRST, name="news_story_newest"),
            models.Index("section", *NEWEST_FIRST, name="news_story_section_newest"),
        ]


class ArticleViewCount(models.Model):
    """Views kept apart from the page, so publishing a revision never rolls them back."""

    page = models.OneToOneField(
        ArticlePage, primary_key=True, on_delete=models.CASCADE, related_name="view_stats"
    )
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("view count")
        # "Xem nhiều nhất" reads the top of this index.
        indexes = [models.Index(fields=["-views", "-page"], name="news_views_most")]

    def __str__(self):
        return f"{self.page_id}: {self.views}"


class SectionStoryCount(models.Model):
    """How many stories a section lists (live and public), written whenever that may change
    (news/signal_handlers.py): counting them for the page links read every one of a section's
    index entries, 9–16 ms for 17,000 stories. Kept apart from the page, so that publishing a
    revision of the section never rolls it back."""

    section = models.OneToOneField(
        SectionPage, primary_key=True, on_delete=models.CASCADE, related_name="story_count"
    )
    stories = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("section story count")

    def __str__(self):
        return f"{self.section_id}: {self.stories}"

    @classmethod
    def read(cls, section_id):
        found = cls.objects.filter(pk=section_id).values_list("stories", flat=True).first()
        if found is None:
            # A section new since the count was kept: its row is committed before counting,
            # so that a change committed meanwhile is counted here or by its own recount.
            cls.objects.bulk_create([cls(section_id=section_id)], ignore_conflicts=True)
            found = cls.recount([section_id]).get(section_id, 0)
        return found

    @classmethod
    def recount(cls, section_ids=None):
        """Count the sections' stories again (every section's with None). The rows are locked
        before counting: a change committed before the lock is counted here, one committed
        after it by its own recount, which waits for the lock and counts afresh."""
        with transaction.atomic():
            rows = cls.objects.select_for_update().order_by("pk")
            if section_ids is not None:
                rows = rows.filter(pk__in=section_ids)
            counts = dict.fromkeys(rows.values_list("pk", flat=True), 0)
            counts.update(
                ArticlePage.objects.live()
                .exclude(ArticlePage.objects.private_q(fresh=True))
                .filter(section_id__in=counts)
                .order_by()
                .values_list("section")
                .annotate(Count("pk"))
            )
            cls.objects.bulk_update(
                [cls(section_id=pk, stories=n) for pk, n in counts.items()], ["stories"]
            )
        return counts


class Feedback(models.Model):
    """A reader's message about a story, shown under it once an editor approves it."""

    article = models.ForeignKey(
        ArticlePage, verbose_name=_("story"), on_delete=models.CASCADE, related_name="feedback"
    )
    name = models.CharField(_("full name"), max_length=100)
    contact = models.CharField(
        _("email or phone"),
        max_length=120,
        help_text=_("Never shown on the site."),
    )
    message = models.TextField(_("message"), validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    approved = models.BooleanField(
        _("approved"), default=False, help_text=_("Tick to show this message under the story.")
    )
    remote_addr = models.GenericIPAddressField(_("sender's address"), null=True, blank=True)

    panels = [
        FieldPanel("article", read_only=True),
        FieldPanel("name"),
        FieldPanel("contact"),
        FieldPanel("message"),
        FieldPanel("approved"),
    ]

    class Meta:
        verbose_name = _("reader feedback")
        verbose_name_plural = _("reader feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name}: {self.message[:60]}"
