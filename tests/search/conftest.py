import os
import uuid

import pytest
from django.core.management import call_command

from search import elastic
from search.models import SearchDocument


def run_worker(max_tasks=None):
    """Run the search queue's worker until the queue is empty (or `max_tasks` ran)."""
    args = ["db_worker", "--batch", "--backend", "search", "--no-startup-delay", "-v", "0"]
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    call_command(*args)


@pytest.fixture
def elasticsearch(settings, db):
    """The real Elasticsearch of scripts/services.sh, with an index alias of this test's own."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.fail("ELASTICSEARCH_URL is not set: start Elasticsearch with scripts/services.sh")
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_ALIAS = f"test-{uuid.uuid4().hex[:12]}"
    elastic.rebuild()
    yield elastic.client()
    es = elastic.client()
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


def titles(response):
    """The plain titles of the hits on a results page, in order."""
    from django.utils.html import strip_tags

    return [strip_tags(str(hit.title)) for hit in response.context["results"]]
