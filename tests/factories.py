"""Factories for the pages and snippets the tests build on."""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from news.models import ArticlePage, Feedback, SectionPage
from website.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Trang chủ"
    slug = "trang-chu"

    class Meta:
        model = HomePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")

    class Meta:
        model = SectionPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tin số {n}: Kiên Lương học tập và làm theo Bác")
    slug = factory.Sequence(lambda n: f"tin-so-{n}")
    lead = "Huyện khen thưởng 30 tập thể và 47 cá nhân."
    byline = "Kim Thư"
    published_at = factory.Sequence(lambda n: timezone.now() - datetime.timedelta(hours=1000 - n))
    body = wagtail_factories.StreamFieldFactory(
        {"paragraph": factory.SubFactory(wagtail_factories.CharBlockFactory)}
    )

    class Meta:
        model = ArticlePage


class FeedbackFactory(factory.django.DjangoModelFactory):
    name = "Nguyễn Văn An"
    contact = "0912345678"
    message = "Bài viết rất hay, cảm ơn Ban biên tập."

    class Meta:
        model = Feedback


def build_home():
    """A home page that the default site serves, as in the demo.

    The locale, root page and root collection come from Wagtail's migrations; a transactional
    test (browser, search worker) flushes the database when it ends, so they are made again
    when missing.
    """
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
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
