from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, Site
from wagtail.search import index
from wagtail.url_routing import RouteResult

from . import fragments
from .pagination import heads
from .privacy import CachedPrivacyMixin, ReaderPageManager


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

    @classmethod
    def for_request(cls, request):
        """In every reader page's header and footer: read from the cache while the settings
        and the site are unchanged (saving either replaces the content version), not once per
        request. The admin edits through `for_site`, straight from the database."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            instance = fragments.cached(f"office-settings:{site.pk}", lambda: cls.for_site(site))
            instance._request = request
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)

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


def commune_field(related_name="+"):
    """Where something is: one of the locality's communes, optional (kept when it is deleted)."""
    return models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


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


class HomePage(CachedPrivacyMixin, Page):
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

    objects = ReaderPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("lead_story"),
        FieldPanel("introduction"),
    ]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    stories_per_section = 4
    latest_count = 8

    def refresh_from_db(self, using=None, fields=None, **kwargs):
        """The first of the home page's own fields read brings all of them: the home page kept
        with the request's site comes without them (`middleware.find_site`)."""
        deferred = self.get_deferred_fields()
        if fields is not None and deferred.intersection(fields):
            fields = deferred.union(fields)
        super().refresh_from_db(using, fields, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if the template's cached fragment of these lists is missing.
        lists = SimpleLazyObject(self.story_lists)
        for name in ("lead_story", "latest_stories", "section_blocks"):
            context[name] = SimpleLazyObject(lambda name=name: lists[name])
        return context

    def story_lists(self):
        from news.models import ArticlePage, SectionPage

        sections = list(SectionPage.objects.live().public().child_of(self))
        stories = ArticlePage.objects.live().public()
        latest, by_section = fragments.cached(
            f"home-lists:{self.pk}", lambda: self.choose_stories(sections, stories)
        )
        blocks = [by_section.get(section.pk, []) for section in sections]
        chosen, latest, *blocks = stories.listed_by_id([self.lead_story_id], latest, *blocks)
        # The lead and latest cards name their section, from the sections read above.
        titles = {section.pk: section.title for section in sections}
        for story in chosen + latest:
            story.section_title = titles.get(story.section_id, "")
        lead = chosen[0] if chosen else (latest[0] if latest else None)
        return {
            "lead_story": lead,
            "latest_stories": [s for s in latest if s is not lead][: self.latest_count],
            "section_blocks": list(zip(sections, blocks, strict=True)),
        }

    def route(self, request, path_components):
        """The live page at a reader's address (or the routable page that answers it, such as
        a yearly report), from the cache while nothing is published (or moved, unpublished,
        restricted), else in one lookup (slugs are indexed) instead of two queries per level
        of the tree; anything else (404s) the usual way."""
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            found = fragments.cached(f"route:{url_path}", lambda: self.find(path_components))
            if found is not None:
                page, rest = found
                return page.route(request, list(rest)) if rest else RouteResult(page)
        return super().route(request, path_components)

    def find(self, path_components):
        """(page, the rest of the path) for the deepest live page along `path_components`,
        when it is the whole path or a routable page that answers the rest; else None."""
        prefixes = {
            f"{self.url_path}{'/'.join(path_components[:depth])}/": depth
            for depth in range(1, len(path_components) + 1)
        }
        page = (
            Page.objects.live()
            .filter(slug__in=path_components, url_path__in=prefixes)
            .order_by("-depth")
            .specific()
            .first()
        )
        if page is None:
            return None
        rest = tuple(path_components[prefixes[page.url_path] :])
        if rest and not isinstance(page, RoutablePageMixin):
            return None
        if rest:
            try:
                page.resolve_subpage(f"/{'/'.join(rest)}/")
            except Http404:  # not one of its routes
                return None
        return page, rest

    def choose_stories(self, sections, stories):
        """The newest stories overall and of each section, as ids: each list is one short walk
        of a (date) or (section, date) index, all in one query where the database allows."""
        from news.models import newest_ids

        stories = stories.filter(section__in=sections).newest()
        latest, *blocks = heads(
            [(stories, self.latest_count + 1)]
            + [(stories.in_section(section), self.stories_per_section) for section in sections],
            "published_at",
            "pk",
        )
        return newest_ids(latest), {
            section.pk: newest_ids(block) for section, block in zip(sections, blocks, strict=True)
        }

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.SectionPage",
        "exemplars.ExemplarIndexPage",
        "media.InventoryIndexPage",
        "documents.DocumentIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
