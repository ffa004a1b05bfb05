import os
import uuid

import feedparser
import pytest

from news import viewcounts
from search import elastic
from search.models import SearchDocument
from tests.factories import ArticlePageFactory, SectionPageFactory, build_home
from tests.helpers import publish
from website.models import Commune, CommuneKind

# The production topology (nginx, Varnish, two application processes): tests/topology/.
pytest_plugins = ["tests.topology.fixtures"]


@pytest.fixture(autouse=True)
def _clean_process_state(settings):
    """Caches and buffered view hits must not leak from one test to the next."""
    from django.core.cache import caches

    for alias in settings.CACHES:  # the shared cache and this process's copy of fragments
        caches[alias].clear()
    viewcounts.discard()
    yield
    viewcounts.discard()


@pytest.fixture
def home(db):
    """The site's home page, serving localhost like the demo."""
    return build_home()


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="Học tập và làm theo Bác", slug="hoc-tap")


@pytest.fixture
def make_story(section):
    """Publish a story in `section` (or another parent) and return it."""

    def make(parent=None, tags=(), **kwargs):
        story = ArticlePageFactory(parent=parent or section, **kwargs)
        story.tags.set(list(tags))
        return publish(story)

    return make


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


@pytest.fixture
def communes(db):
    """Three of Kiên Lương's communes, by slug, in the order the district lists them."""
    return {
        slug: Commune.objects.create(name=name, kind=kind, slug=slug, sort_order=order)
        for order, (name, kind, slug) in enumerate(
            [
                ("Kiên Lương", CommuneKind.TOWNSHIP, "kien-luong"),
                ("Bình An", CommuneKind.COMMUNE, "binh-an"),
                ("Hòn Nghệ", CommuneKind.COMMUNE, "hon-nghe"),
            ]
        )
    }


@pytest.fixture
def elasticsearch(settings, db):
    """The real Elasticsearch of scripts/services.sh, with an index alias of this test's own."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.fail("ELASTICSEARCH_URL is not set: start Elasticsearch with scripts/services.sh")
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_ALIAS = f"test-{uuid.uuid4().hex[:12]}"
    elastic.rebuild()
    yield elastic.writer()
    es = elastic.writer()
    for name in es.indices.get(index=f"{settings.SEARCH_INDEX_ALIAS}-*"):
        es.indices.delete(index=name)


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def engine(request, settings, db):
    """Each matching test runs once per engine; `engine.ready()` makes the index current."""

    class Engine:
        name = request.param

        def ready(self):
            # The queue's worker cannot run inside a test's transaction; the tests of
            # indexing run it for real (test_indexing.py, test_outage.py).
            if self.name == "elasticsearch":
                elastic.push_pending()
                assert not SearchDocument.objects.filter(pending=True).exists()

    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch")
    return Engine()


@pytest.fixture
def search(client):
    """GET the search page with these parameters; return the response."""

    def get(**params):
        return client.get("/search/", params)

    return get
