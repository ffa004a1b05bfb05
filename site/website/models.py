from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page
from wagtail.search import index


class UnitLevel(models.TextChoices):
    PROVINCE = "tinh", _("Province")
    DISTRICT = "huyen", _("District")
    COMMUNE = "xa", _("Commune")


@register_setting(icon="site")
class OfficeSettings(BaseSiteSetting):
    """Who publishes the site. Settings, not constants: the 2025 reorganisation of local
    government means the same site may serve a district office or a commune office."""

    office_name = models.CharField(
        _("office name"),
        max_length=255,
        default="Ban Tuyên giáo Huyện ủy Kiên Lương",
        help_text=_("Shown in the header, the footer and the feeds."),
    )
    level = models.CharField(
        _("level"), max_length=10, choices=UnitLevel.choices, default=UnitLevel.DISTRICT
    )
    locality = models.CharField(
        _("locality"),
        max_length=120,
        default="Kiên Lương",
        help_text=_("The district or commune the office serves, without 'huyện' or 'xã'."),
    )
    province = models.CharField(_("province"), max_length=120, default="Kiên Giang")
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    responsible_person = models.CharField(
        _("responsible for content"),
        max_length=255,
        blank=True,
        help_text=_("The name and title printed as 'Chịu trách nhiệm nội dung'."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("The number and date of the licence for the site, if any."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("office_name"), FieldPanel("level"), FieldPanel("locality")],
            heading=_("Office"),
        ),
        FieldPanel("province"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contacts"),
        ),
        FieldPanel("responsible_person"),
        FieldPanel("licence"),
    ]

    class Meta:
        verbose_name = _("office details")

    @property
    def locality_full_name(self):
        return f"{self.get_level_display()} {self.locality}"


class CommuneKind(models.TextChoices):
    COMMUNE = "xa", _("Commune")
    TOWNSHIP = "thi_tran", _("Township")
    WARD = "phuong", _("Ward")


class Commune(Orderable):
    """A commune-level unit of the locality; exemplars and inventories say where they are."""

    name = models.CharField(
        _("name"), max_length=120, unique=True, help_text=_('Without "xã" or "thị trấn".')
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=CommuneKind.choices, default=CommuneKind.COMMUNE
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("slug")]

    class Meta(Orderable.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"


class WebsiteLink(Orderable):
    """A link in the "Liên kết website" box shown on every page."""

    title = models.CharField(_("title"), max_length=120)
    url = models.URLField(_("address"))

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("website link")
        verbose_name_plural = _("website links")

    def __str__(self):
        return self.title


class HomePage(Page):
    lead_story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown first on the home page. Leave empty to lead with the newest story."),
    )
    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = Page.content_panels + [
        FieldPanel("lead_story"),
        FieldPanel("introduction"),
    ]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    stories_per_section = 4
    latest_count = 8

    def get_context(self, request, *args, **kwargs):
        from news.models import ArticlePage, SectionPage

        context = super().get_context(request, *args, **kwargs)
        sections = list(SectionPage.objects.live().public().child_of(self))
        stories = ArticlePage.objects.live().public().filter(section__in=sections)
        latest = list(stories.for_listing()[: self.latest_count + 1])
        lead = self.lead_story if self.lead_story and self.lead_story.live else None
        if lead is None and latest:
            lead = latest[0]
        context["lead_story"] = lead
        context["latest_stories"] = [s for s in latest if lead is None or s.pk != lead.pk][
            : self.latest_count
        ]
        context["section_blocks"] = self.section_blocks(sections, stories)
        return context

    def section_blocks(self, sections, stories):
        """Each section with its newest stories: one short walk of the (section, date) index
        per section, then one listing query for all of them."""
        chosen = {
            section.pk: list(
                stories.in_section(section)
                .newest()
                .values_list("pk", flat=True)[: self.stories_per_section]
            )
            for section in sections
        }
        wanted = [pk for pks in chosen.values() for pk in pks]
        by_pk = {story.pk: story for story in stories.filter(pk__in=wanted).for_listing()}
        return [
            (section, [by_pk[pk] for pk in chosen[section.pk] if pk in by_pk])
            for section in sections
        ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "exemplars.ExemplarIndexPage", "media.InventoryIndexPage"]

    class Meta:
        verbose_name = _("home page")
