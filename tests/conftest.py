import feedparser
import pytest

from news import viewcounts
from tests.factories import ArticlePageFactory, SectionPageFactory, build_home


@pytest.fixture(autouse=True)
def _clean_process_state(settings):
    """Caches and buffered view hits must not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    viewcounts.discard()
    yield
    viewcounts.discard()


@pytest.fixture
def home(db):
    """The site's home page, serving localhost like the demo."""
    return build_home()


@pytest.fixture
def wagtail_tree(transactional_db):
    """The locale and root page that Wagtail's migrations create, for transactional tests:
    a transactional test before this one may have flushed them."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="Học tập và làm theo Bác", slug="hoc-tap")


@pytest.fixture
def make_story(section):
    """Publish a story in `section` (or another parent) and return it."""

    def make(parent=None, **kwargs):
        story = ArticlePageFactory(parent=parent or section, **kwargs)
        story.save_revision().publish()
        story.refresh_from_db()
        return story

    return make


def main_column(response):
    """The page's main column, without the sidebar's lists of latest and most viewed."""
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


@pytest.fixture
def read_feed(client):
    """Fetch a feed and parse it as a feed reader would; it must parse without errors."""

    def read(url, **headers):
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content[:500]
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        return parsed

    return read


def titles(parsed):
    return [entry.title for entry in parsed.entries]
