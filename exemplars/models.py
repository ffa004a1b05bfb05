from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Cast
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, ReferenceIndex
from wagtail.search import index

from news.models import ArticlePage
from website.blocks import StoryStreamBlock
from website.files import csv_response, file_url
from website.models import commune_field
from website.pagination import paginate
from website.privacy import CachedPrivacyMixin, ReaderPageManager, ReaderPageQuerySet
from website.renditions import SHARING_RENDITION, with_renditions
from website.text import first_paragraph

from .choices import AwardLevel, AwardType, ExemplarKind

LISTING_THUMBNAIL = "fill-160x160"


class ExemplarIndexPage(CachedPrivacyMixin, RoutablePageMixin, Page):
    """The list of exemplars, with filters, and the commendation statistics below it."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=1000)

    objects = ReaderPageManager()

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    per_page = 20

    def get_exemplar_pages(self):
        return ExemplarPage.objects.live().public().filter(pk__in=self.child_ids)

    @cached_property
    def child_ids(self):
        """Its pages' ids, from the page table alone (page types allow exemplars only, as its
        children). Joined to the exemplars with their paths as a filter, PostgreSQL could merge
        both by id and read the page table to its end (3.7 ms at 10,000 stories)."""
        return list(ReaderPageQuerySet(Page).child_of(self).values_list("pk", flat=True))

    def get_exemplars(self):
        return (
            self.get_exemplar_pages()
            .defer_streamfields()
            .select_related("commune")
            .prefetch_related(
                Prefetch(
                    "photo",
                    queryset=get_image_model().objects.prefetch_renditions(LISTING_THUMBNAIL),
                )
            )
            # Real profiles first: invented ones only illustrate the statistics.
            .order_by("is_sample", models.F("latest_year").desc(nulls_last=True), "title", "pk")
        )

    def get_commendations(self):
        return Commendation.objects.filter(page__in=self.get_exemplar_pages())

    def get_context(self, request, *args, **kwargs):
        from .filters import ExemplarFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ExemplarFilterForm(request.GET, index=self)
        context["filter_form"] = form
        context["exemplars"] = paginate(
            request,
            lambda: form.filter(self.get_exemplars()),
            self.per_page,
            counted_as=f"exemplars:{self.pk}:{form.key}",
            # Unfiltered, the filters' choices have counted the exemplars; filtered, counted
            # without the cards' commendation figures (grouping by them cost half again).
            count=lambda: (
                form.filter(self.get_exemplar_pages()).count()
                if form.active
                else form.unfiltered_count
            ),
        )
        context["statistics_url"] = self.url + self.reverse_subpage("statistics")
        return context

    @path("thong-ke/", name="statistics")
    def statistics_view(self, request):
        from . import statistics

        table = statistics.count_table(self.get_commendations())
        return self.render(
            request,
            template="exemplars/exemplar_statistics.html",
            context_overrides={
                "table": table,
                "chart": statistics.bar_chart(table),
                "kinds": statistics.KINDS,
                "csv_url": file_url(self, "statistics_csv"),
            },
        )

    @path("thong-ke.csv/", name="statistics_csv")
    def statistics_csv_view(self, request):
        from . import statistics

        rows = statistics.count_rows(self.get_commendations())
        return csv_response("thong-ke-khen-thuong.csv", statistics.CSV_HEADER, rows)

    parent_page_types = ["website.HomePage"]
    subpage_types = ["exemplars.ExemplarPage"]

    class Meta:
        verbose_name = _("list of exemplars")
        verbose_name_plural = _("lists of exemplars")


class ExemplarPage(CachedPrivacyMixin, Page):
    """A person, collective or grassroots model held up as an example, with its commendations."""

    kind = models.CharField(
        _("kind"), max_length=10, choices=ExemplarKind.choices, default=ExemplarKind.INDIVIDUAL
    )
    unit = models.CharField(
        _("unit or organisation"),
        max_length=255,
        blank=True,
        help_text=_("Where the person works, or who runs the collective or model."),
    )
    commune = commune_field(related_name="exemplars")
    field = models.CharField(
        _("field of activity"),
        max_length=120,
        blank=True,
        help_text=_(
            'For example "Kinh tế", "Văn hóa – xã hội", "Quốc phòng – an ninh". Use the same '
            "wording for the same field: readers filter the list by it."
        ),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait or photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(
        _("short summary"),
        max_length=1000,
        blank=True,
        help_text=_("One or two sentences shown in the list and under the name."),
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("their story"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_(
            "An invented profile that only illustrates the figures: listed after the real "
            "ones and left out of the feed."
        ),
    )
    legacy_id = models.CharField(
        _("id in the import file"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    # Of its commendations, kept by save(): the list shows and orders its cards by them
    # without reading (and grouping) every exemplar's commendations.
    commendation_count = models.PositiveIntegerField(
        _("number of commendations"), default=0, editable=False
    )
    latest_year = models.PositiveSmallIntegerField(
        _("year of the latest commendation"), null=True, blank=True, editable=False
    )

    objects = ReaderPageManager()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("field")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("commune")]),
        FieldPanel("photo"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("is_sample"),
        InlinePanel("commendations", heading=_("Commendations"), label=_("Commendation")),
        MultiFieldPanel(
            [InlinePanel("related_story_links", label=_("Story"))],
            heading=_("News stories about this exemplar"),
            help_text=_("Stories that link to this page are listed too, without choosing them."),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("unit"),
        index.SearchField("field"),
        index.RelatedFields("commune", [index.SearchField("name")]),
        index.RelatedFields(
            "commendations", [index.SearchField("issuer"), index.SearchField("reason")]
        ),
        index.FilterField("kind"),
        index.FilterField("commune"),
        index.FilterField("field"),
    ]

    related_count = 10

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or "commendations" in update_fields:
            # The commendations being saved with the page (held by the page when it comes
            # from the editor's form or a revision).
            years = [commendation.year for commendation in self.commendations.all()]
            self.commendation_count, self.latest_year = len(years), max(years, default=None)
            if update_fields is not None:
                update_fields = {*update_fields, "commendation_count", "latest_year"}
        return super().save(*args, update_fields=update_fields, **kwargs)

    @cached_property
    def portrait(self):
        """The photo with both renditions the profile shows, its own and a shared link's, read
        together."""
        return with_renditions(self.photo_id, "max-640x640", SHARING_RENDITION)

    @property
    def plain_summary(self):
        """The exemplar in one plain-text paragraph (for feeds and search results)."""
        return self.summary or Truncator(first_paragraph(self.body)).words(60)

    def get_related_stories(self):
        """Live stories the editor chose, in their order, then the stories that link here,
        newest first: the latter's ids read first, without the page table, then every card in
        one query (cards joined around the reference index took 1.2 ms to plan)."""
        stories = ArticlePage.objects.live().public()
        chosen_ids = list(dict.fromkeys(link.story_id for link in self.related_story_links.all()))
        linking_ids = (
            ReferenceIndex.get_references_to(self)
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .annotate(source_id=Cast("object_id", models.IntegerField()))
            .values("source_id")
        )
        linking = (
            stories.filter(pk__in=linking_ids)
            .exclude(pk__in=chosen_ids)
            .newest()
            .values_list("pk", flat=True)[: self.related_count]
        )
        chosen, linking = stories.listed_by_id(chosen_ids, list(linking))
        return chosen + linking[: max(self.related_count - len(chosen), 0)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if the template's cached fragment of the profile is missing.
        context["commendations"] = self.commendations.all()
        context["related_stories"] = SimpleLazyObject(self.get_related_stories)
        return context

    parent_page_types = ["exemplars.ExemplarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")


class Commendation(Orderable):
    page = ParentalKey(ExemplarPage, on_delete=models.CASCADE, related_name="commendations")
    award_type = models.CharField(
        _("award"), max_length=12, choices=AwardType.choices, default=AwardType.CERTIFICATE
    )
    level = models.CharField(
        _("level"), max_length=12, choices=AwardLevel.choices, default=AwardLevel.DISTRICT
    )
    issuer = models.CharField(
        _("issued by"),
        max_length=255,
        blank=True,
        help_text=_('For example "Chủ tịch UBND huyện Kiên Lương".'),
    )
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
        help_text=_("The year the commendation is counted in."),
    )
    reason = models.TextField(_("reason"), blank=True, max_length=1000)

    panels = [
        FieldRowPanel([FieldPanel("award_type"), FieldPanel("level"), FieldPanel("year")]),
        FieldPanel("issuer"),
        FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")

    def __str__(self):
        return f"{self.get_award_type_display()} ({self.get_level_display()}, {self.year})"


class ExemplarRelatedStory(Orderable):
    page = ParentalKey(ExemplarPage, on_delete=models.CASCADE, related_name="related_story_links")
    story = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("story")]

    class Meta(Orderable.Meta):
        verbose_name = _("related story")
        verbose_name_plural = _("related stories")
