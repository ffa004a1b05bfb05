"""Factories for the pages and snippets the tests build on."""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from exemplars.models import AwardLevel, AwardType, ExemplarIndexPage, ExemplarKind, ExemplarPage
from media.models import InventoryIndexPage, InventoryPage
from news.models import ArticlePage, Feedback, SectionPage
from website.models import HomePage


def page_factory(model, **defaults):
    """A Wagtail page factory for `model` with these field defaults (`parent=` places it)."""
    return factory.make_factory(model, FACTORY_CLASS=wagtail_factories.PageFactory, **defaults)


HomePageFactory = page_factory(HomePage, title="Trang chủ", slug="trang-chu")

SectionPageFactory = page_factory(
    SectionPage,
    title=factory.Sequence(lambda n: f"Chuyên mục {n}"),
    slug=factory.Sequence(lambda n: f"chuyen-muc-{n}"),
)

ArticlePageFactory = page_factory(
    ArticlePage,
    title=factory.Sequence(lambda n: f"Tin số {n}: Kiên Lương học tập và làm theo Bác"),
    slug=factory.Sequence(lambda n: f"tin-so-{n}"),
    lead="Huyện khen thưởng 30 tập thể và 47 cá nhân.",
    byline="Kim Thư",
    published_at=factory.Sequence(lambda n: timezone.now() - datetime.timedelta(hours=1000 - n)),
    body=wagtail_factories.StreamFieldFactory(
        {"paragraph": factory.SubFactory(wagtail_factories.CharBlockFactory)}
    ),
)

ExemplarIndexPageFactory = page_factory(
    ExemplarIndexPage, title="Gương người tốt việc tốt", slug="guong-nguoi-tot-viec-tot"
)

ExemplarPageFactory = page_factory(
    ExemplarPage,
    title=factory.Sequence(lambda n: f"Gương điển hình {n:02d}"),
    slug=factory.Sequence(lambda n: f"guong-dien-hinh-{n:02d}"),
    kind=ExemplarKind.INDIVIDUAL,
    summary="Có thành tích xuất sắc trong học tập và làm theo Bác.",
)

InventoryIndexPageFactory = page_factory(
    InventoryIndexPage, title="Cổ động trực quan", slug="co-dong-truc-quan"
)

InventoryPageFactory = page_factory(
    InventoryPage,
    title=factory.Sequence(lambda n: f"Đợt cổ động số {n}"),
    slug=factory.Sequence(lambda n: f"dot-co-dong-{n}"),
    year=2017,
    responsible_unit="Phòng Văn hóa và Thông tin huyện",
)


class FeedbackFactory(factory.django.DjangoModelFactory):
    name = "Nguyễn Văn An"
    contact = "0912345678"
    message = "Bài viết rất hay, cảm ơn Ban biên tập."

    class Meta:
        model = Feedback


def award(level=AwardLevel.DISTRICT, year=2017, award_type=AwardType.CERTIFICATE, **fields):
    """The fields of one commendation, with the seed's most common case as defaults."""
    return {"level": level, "year": year, "award_type": award_type, **fields}


def build_home():
    """A home page that the default site serves, as in the demo.

    The locale, root page and root collection come from Wagtail's migrations; a transactional
    test (browser, search worker) flushes the database when it ends, so they are made again
    when missing.
    """
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Kiên Lương",
        },
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home
