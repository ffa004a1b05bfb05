"""Factories for the pages and snippets the tests build on."""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from documents.models import DocumentIndexPage, DocumentPage
from exemplars.choices import AwardLevel, AwardType, ExemplarKind
from exemplars.models import ExemplarIndexPage, ExemplarPage
from media.models import InventoryIndexPage, InventoryPage
from news.models import ArticlePage, Feedback, SectionPage
from website.models import HomePage


def page_factory(model, title, slug, **defaults):
    """A Wagtail page factory for `model` (`parent=` places a page). `title` and `slug` are
    formats of the factory's sequence number, `{}`, so that pages made in a row differ."""
    return factory.make_factory(
        model,
        FACTORY_CLASS=wagtail_factories.PageFactory,
        title=factory.Sequence(title.format),
        slug=factory.Sequence(slug.format),
        **defaults,
    )


HomePageFactory = page_factory(HomePage, "Trang chủ", "trang-chu")
SectionPageFactory = page_factory(SectionPage, "Chuyên mục {}", "chuyen-muc-{}")
ArticlePageFactory = page_factory(
    ArticlePage,
    "Tin số {}: Kiên Lương học tập và làm theo Bác",
    "tin-so-{}",
    lead="Huyện khen thưởng 30 tập thể và 47 cá nhân.",
    byline="Kim Thư",
    published_at=factory.Sequence(lambda n: timezone.now() - datetime.timedelta(hours=1000 - n)),
    body=wagtail_factories.StreamFieldFactory(
        {"paragraph": factory.SubFactory(wagtail_factories.CharBlockFactory)}
    ),
)
ExemplarIndexPageFactory = page_factory(
    ExemplarIndexPage, "Gương người tốt việc tốt", "guong-nguoi-tot-viec-tot"
)
ExemplarPageFactory = page_factory(
    ExemplarPage,
    "Gương điển hình {:02d}",
    "guong-dien-hinh-{:02d}",
    kind=ExemplarKind.INDIVIDUAL,
    summary="Có thành tích xuất sắc trong học tập và làm theo Bác.",
)
InventoryIndexPageFactory = page_factory(
    InventoryIndexPage, "Cổ động trực quan", "co-dong-truc-quan"
)
InventoryPageFactory = page_factory(
    InventoryPage,
    "Đợt cổ động số {}",
    "dot-co-dong-{}",
    year=2017,
    responsible_unit="Phòng Văn hóa và Thông tin huyện",
)

DocumentIndexPageFactory = page_factory(DocumentIndexPage, "Văn bản", "van-ban")
DocumentPageFactory = page_factory(DocumentPage, "Văn bản số {}", "van-ban-{}", kind="chi_thi")


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
