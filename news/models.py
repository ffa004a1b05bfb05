from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from website.blocks import StoryStreamBlock
from website.pagination import paginate


class SectionPage(Page):
    """A section (chuyên mục) holding stories, newest first."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=1000)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    per_page = 20

    def get_stories(self):
        return ArticlePage.objects.live().public().child_of(self).for_listing()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate(request, self.get_stories(), self.per_page)
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


# The renditions includes/story_card.html shows.
LISTING_RENDITIONS = ("fill-240x160", "fill-640x360")


class ArticlePageQuerySet(PageQuerySet):
    def for_listing(self):
        """What a list of stories shows: hero image, section title, newest first."""
        section = Page.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        )
        return (
            self.prefetch_related(
                # The story cards' renditions come with the images: no query per card.
                Prefetch(
                    "hero_image",
                    queryset=get_image_model().objects.prefetch_renditions(*LISTING_RENDITIONS),
                )
            )
            .annotate(section_title=Subquery(section.values("title")[:1]))
            .order_by(models.F("published_at").desc(nulls_last=True), "-pk")
        )

    def most_viewed(self):
        return self.filter(view_stats__views__gt=0).order_by("-view_stats__views", "-pk")


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticlePage(Page):
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

    def get_section(self):
        return self.get_parent().specific_deferred

    def get_related_stories(self):
        """Stories sharing the most tags, then the newest of the same section."""
        stories = ArticlePage.objects.live().public().exclude(pk=self.pk)
        tag_ids = list(self.tags.values_list("pk", flat=True))
        related = []
        if tag_ids:
            related = list(
                stories.filter(tags__in=tag_ids)
                .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
                .for_listing()
                .order_by("-shared", "-published_at")[: self.related_count]
            )
        if len(related) < self.related_count:
            related += list(
                stories.sibling_of(self)
                .exclude(pk__in=[s.pk for s in related])
                .for_listing()[: self.related_count - len(related)]
            )
        return related

    def get_other_stories(self, exclude=()):
        return (
            ArticlePage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .exclude(pk__in=exclude)
            .for_listing()[: self.others_count]
        )

    def get_context(self, request, *args, feedback_form=None, **kwargs):
        from .forms import FeedbackForm

        context = super().get_context(request, *args, **kwargs)
        related = self.get_related_stories()
        context["related_stories"] = related
        context["other_stories"] = self.get_other_stories(exclude=[s.pk for s in related])
        context["feedback_form"] = feedback_form or FeedbackForm()
        context["feedback_list"] = self.feedback.filter(approved=True).order_by("created_at")
        context["feedback_sent"] = request.GET.get("phan-hoi") == "da-gui"
        return context

    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")


class ArticleViewCount(models.Model):
    """Views kept apart from the page, so publishing a revision never rolls them back."""

    page = models.OneToOneField(
        ArticlePage, primary_key=True, on_delete=models.CASCADE, related_name="view_stats"
    )
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("view count")

    def __str__(self):
        return f"{self.page_id}: {self.views}"


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
