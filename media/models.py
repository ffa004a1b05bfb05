import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from website import fragments
from website.blocks import StoryStreamBlock
from website.files import csv_response, file_url
from website.models import Commune, commune_field
from website.pagination import paginate
from website.privacy import CachedPrivacyMixin, ReaderPageManager

from .kinds import ItemStatus, Kind
from .reports import (
    ITEM_COLUMNS,
    TOTALS_COLUMNS,
    Totals,
    YearReport,
    describe_quantities,
    item_rows,
)

MAX_QUANTITY = 100_000
# What a campaign's and a year's totals are summed by (`InventoryItemQuerySet.totals`).
TOTALLED = ("kind", "commune", "location")
YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]


class InventoryItemQuerySet(models.QuerySet):
    def published_under(self, page):
        """Items of the live, public inventories below `page`."""
        return self.filter(
            page__in=InventoryPage.objects.live().public().descendant_of(page).values("pk")
        )

    def up_on(self, day):
        """Items hanging on `day`: installed by then and not yet removed. An item marked
        taken down without a removal date is counted as down."""
        return self.filter(installed_on__lte=day).filter(
            Q(removed_on__gt=day)
            | Q(removed_on__isnull=True, status__in=[ItemStatus.UP, ItemStatus.DAMAGED])
        )

    def totals_by(self, field):
        """[(value, quantity)] summed by `field`, largest first."""
        return list(
            self.order_by()
            .values_list(field)
            .annotate(quantity=Sum("quantity"))
            .order_by("-quantity", field)
        )

    def totals_by_kind(self):
        """[(Kind, quantity)] in the order of the kinds' list, kinds present only."""
        return in_kind_order(self.totals_by("kind"))

    def totals(self):
        """{"kind": totals_by_kind(), "commune": [(Commune or None, quantity)], "location":
        [(location, quantity)]}, the last two largest first (ties by value, none last): one
        query summing by all three at once, added up here (a year's items make a few hundred
        combinations at most), where a query for each planned the same joins three times."""
        sums = {field: {} for field in TOTALLED}
        rows = self.order_by().values_list(*TOTALLED).annotate(quantity=Sum("quantity"))
        for *values, quantity in rows:
            for field, value in zip(TOTALLED, values, strict=True):
                sums[field][value] = sums[field].get(value, 0) + quantity
        ordered = {
            field: sorted(found.items(), key=lambda row: (-row[1], row[0] is None, row[0] or ""))
            for field, found in sums.items()
        }
        communes = Commune.objects.in_bulk([pk for pk, _quantity in ordered["commune"] if pk])
        ordered["kind"] = in_kind_order(ordered["kind"])
        ordered["commune"] = [(communes.get(pk), quantity) for pk, quantity in ordered["commune"]]
        return ordered


def in_kind_order(totals):
    """[(Kind, quantity)] of [(kind value, quantity)], in the order of the kinds' list."""
    sums = dict(totals)
    return [(kind, sums[kind.value]) for kind in Kind if kind.value in sums]


class InventoryIndexPage(CachedPrivacyMixin, RoutablePageMixin, Page):
    """All campaigns' inventories, newest first, with a yearly report for each year."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=1000)

    objects = ReaderPageManager()

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    per_page = 20
    day_param = "ngay"

    def get_inventories(self):
        pages = InventoryPage.objects.live().public().descendant_of(self)
        totals = (
            InventoryItem.objects.filter(page=OuterRef("pk"))
            .order_by()
            .values("page")
            .annotate(total=Sum("quantity"))
            .values("total")
        )
        return pages.annotate(total_quantity=Subquery(totals)).order_by(
            "-year", models.F("start_date").desc(nulls_last=True), "-pk"
        )

    def get_items(self):
        return InventoryItem.objects.published_under(self)

    def get_year_counts(self):
        """{year: number of inventories}, newest year first, kept until the content changes:
        the years to choose from and the list's count without a commune, in one query."""
        return fragments.cached(
            f"inventory-year-counts:{self.pk}",
            lambda: dict(
                InventoryPage.objects.live()
                .public()
                .descendant_of(self)
                .order_by("-year")
                .values_list("year")
                .annotate(inventories=Count("pk"))
            ),
        )

    def get_years(self):
        return list(self.get_year_counts())

    def get_context(self, request, *args, **kwargs):
        from .filters import InventoryFilterForm

        context = super().get_context(request, *args, **kwargs)
        counts = self.get_year_counts()
        years = list(counts)
        form = InventoryFilterForm(request.GET, years=years)

        def count():
            # A year's count comes with the years; a commune's needs the inventories' items.
            chosen = form.valid_values()
            if "xa" in chosen:
                return form.filter(self.get_inventories()).count()
            return counts.get(chosen["nam"], 0) if "nam" in chosen else sum(counts.values())

        context["filter_form"] = form
        context["inventories"] = paginate(
            request,
            lambda: form.filter(self.get_inventories()),
            self.per_page,
            counted_as=f"inventories:{self.pk}:{form.key}",
            count=count,
        )
        context["report_links"] = self.report_links(years)
        context["up_url"] = self.up_url()
        return context

    def year_report(self, year):
        """The year's totals, kept until the content changes."""

        def compute():
            report = YearReport(year, self.get_items().filter(page__year=year))
            return report or False

        report = fragments.cached(f"inventory-year:{self.pk}:{year}", compute)
        if not report:
            raise Http404(_("There is no inventory for this year."))
        return report

    def report_links(self, years):
        return [(year, self.year_report_url(year)) for year in years]

    def year_report_url(self, year):
        return self.url + self.reverse_subpage("year_report", kwargs={"year": str(year)})

    def up_url(self, day=None):
        url = self.url + self.reverse_subpage("up_on")
        return f"{url}?{self.day_param}={day.isoformat()}" if day else url

    @re_path(r"^bao-cao/(?P<year>[0-9]{4})/$", name="year_report")
    def year_report_view(self, request, year):
        report = self.year_report(int(year))
        today = timezone.localdate()
        up_day = min(today, datetime.date(report.year, 12, 31))
        return self.render(
            request,
            template="media/year_report.html",
            context_overrides={
                "report": report,
                "csv_url": file_url(self, "year_report_csv", year=year),
                "up_url": self.up_url(up_day),
                "up_day": up_day,
            },
        )

    @re_path(r"^bao-cao/(?P<year>[0-9]{4})\.csv/$", name="year_report_csv")
    def year_report_csv(self, request, year):
        report = self.year_report(int(year))
        return csv_response(f"bao-cao-{report.year}.csv", TOTALS_COLUMNS, report.csv_rows())

    @path("dang-treo/", name="up_on")
    def up_on_view(self, request):
        asked = request.GET.get(self.day_param, "")
        try:
            day = datetime.date.fromisoformat(asked) if asked else timezone.localdate()
            bad_day = False
        except ValueError:
            day, bad_day = timezone.localdate(), True
        items = self.get_items().up_on(day)
        return self.render(
            request,
            template="media/up_on.html",
            context_overrides={
                "day": day,
                "bad_day": bad_day,
                "totals": Totals(items),
                "report_links": self.report_links(self.get_years()),
            },
        )

    parent_page_types = ["website.HomePage"]
    subpage_types = ["media.InventoryPage"]

    class Meta:
        verbose_name = _("visual propaganda inventories")
        verbose_name_plural = _("visual propaganda inventories")


class InventoryPage(CachedPrivacyMixin, RoutablePageMixin, Page):
    """One campaign's visual propaganda: what was put up, how many, where and when."""

    occasion = models.CharField(
        _("campaign or occasion"),
        max_length=255,
        blank=True,
        help_text=_(
            "For example: 70 years since President Hồ Chí Minh's call for patriotic emulation."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=YEAR_VALIDATORS,
        db_index=True,
        help_text=_("The year whose report counts this campaign."),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    responsible_unit = models.CharField(
        _("responsible unit"),
        max_length=255,
        blank=True,
        help_text=_("The unit in charge of putting up and taking down the items."),
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("description"), blank=True)

    objects = ReaderPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("occasion"),
        MultiFieldPanel(
            [FieldPanel("year"), FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])],
            heading=_("Period"),
        ),
        FieldPanel("responsible_unit"),
        FieldPanel("body"),
        InlinePanel("items", heading=_("Items"), label=_("item")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("occasion"),
        index.SearchField("responsible_unit"),
        index.SearchField("body"),
        index.RelatedFields("items", [index.SearchField("location"), index.SearchField("slogan")]),
        index.FilterField("year"),
    ]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end of the period cannot be before its start.")}
            )

    def get_items(self):
        return self.items.select_related("commune", "photo").prefetch_related("photo__renditions")

    @property
    def summary(self):
        """The campaign in one plain-text line, for search results and feeds."""
        parts = [self.title, self.occasion, str(self.year), self.responsible_unit]
        parts.append(describe_quantities(InventoryItem.objects.filter(page=self).totals_by_kind()))
        return " — ".join(part for part in parts if part)

    def report_url(self):
        index_page = self.get_parent().specific_deferred
        if isinstance(index_page, InventoryIndexPage):
            return index_page.year_report_url(self.year)
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if the template's cached fragment of the campaign is missing.
        context["items"] = self.get_items()
        context["totals"] = SimpleLazyObject(
            lambda: Totals(InventoryItem.objects.filter(page=self))
        )
        context["csv_url"] = file_url(self, "items_csv")
        context["report_url"] = SimpleLazyObject(self.report_url)
        return context

    @re_path(r"^items\.csv/$", name="items_csv")
    def items_csv(self, request):
        rows = item_rows(self, self.get_items())
        return csv_response(f"{self.slug}.csv", ITEM_COLUMNS, rows, byte_order_mark=True)

    parent_page_types = ["media.InventoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("visual propaganda inventory")
        verbose_name_plural = _("visual propaganda inventories")


class InventoryItem(Orderable):
    page = ParentalKey(InventoryPage, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )
    location = models.CharField(
        _("location or route"),
        max_length=255,
        help_text=_('Where the items hang, for example "Trục chính khu Đô thị Ba Hòn".'),
    )
    commune = commune_field()
    installed_on = models.DateField(_("installed on"))
    removed_on = models.DateField(
        _("removed on"), null=True, blank=True, help_text=_("Leave empty while they still hang.")
    )
    slogan = models.TextField(_("slogan"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.UP
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    import_id = models.CharField(
        _("id in the imported list"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )

    objects = InventoryItemQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("quantity")]),
        FieldRowPanel([FieldPanel("location"), FieldPanel("commune")]),
        FieldRowPanel([FieldPanel("installed_on"), FieldPanel("removed_on"), FieldPanel("status")]),
        FieldPanel("slogan"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self):
        return f"{self.quantity} {self.get_kind_display()} — {self.location}"

    def clean(self):
        super().clean()
        if self.installed_on and self.removed_on and self.removed_on < self.installed_on:
            raise ValidationError(
                {"removed_on": _("The removal date cannot be before the installation date.")}
            )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))
