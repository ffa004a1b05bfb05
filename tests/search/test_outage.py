"""Elasticsearch hangs: readers still get answers from the database, and the changes made
meanwhile reach Elasticsearch once it is back."""

import logging
import os
import signal
import time
from pathlib import Path

import pytest
from django.core.cache import cache

from search import elastic
from search.models import SearchDocument
from search.service import Breaker
from tests.helpers import hit_titles, run_worker


@pytest.fixture
def frozen_elasticsearch(elasticsearch, settings):
    """Pause the Elasticsearch process (as a hung server would be) and resume it afterwards."""
    pid_file = Path(os.environ.get("SERVICES_DIR", "/tmp/kienluong-services")) / "es" / "pid"
    if not pid_file.exists():
        pytest.fail(f"No Elasticsearch pid at {pid_file}: run the tests through scripts/test.sh")
    pid = int(pid_file.read_text())
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 1
    settings.SEARCH_RETRY_SECONDS = 0
    settings.SEARCH_BREAKER_SECONDS = 0  # every search tries again, unless a test says

    def freeze():
        os.kill(pid, signal.SIGSTOP)

    def thaw():
        os.kill(pid, signal.SIGCONT)
        elastic.client().cluster.health(wait_for_status="yellow", timeout="30s")

    try:
        yield freeze, thaw
    finally:
        os.kill(pid, signal.SIGCONT)


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_search_survives_an_outage_and_catches_up(
    frozen_elasticsearch, make_story, search, client, caplog
):
    freeze, thaw = frozen_elasticsearch
    make_story(title="Học tập và làm theo Bác")
    run_worker()

    freeze()
    make_story(title="Hũ gạo tình thương ở Bình An")
    with caplog.at_level(logging.WARNING, logger="search"):
        response = search(q="hu gao tinh thuong")
    assert response.status_code == 200
    assert response.context["engine"] == "database"
    assert hit_titles(response) == ["Hũ gạo tình thương ở Bình An"]
    assert "Elasticsearch did not answer" in caplog.text
    assert client.get("/search/suggest", {"q": "hu ga"}).json()["suggestions"]

    run_worker(max_tasks=1)  # fails while Elasticsearch hangs, and queues a retry
    assert SearchDocument.objects.filter(pending=True).count() == 1

    thaw()
    run_worker()
    assert not SearchDocument.objects.filter(pending=True).exists()
    response = search(q="hu gao tinh thuong")
    assert response.context["engine"] == "elasticsearch"
    assert hit_titles(response) == ["Hũ gạo tình thương ở Bình An"]


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_while_elasticsearch_hangs_only_the_first_search_of_a_cool_down_waits(
    frozen_elasticsearch, make_story, search, client, caplog, settings
):
    freeze, thaw = frozen_elasticsearch
    settings.SEARCH_BREAKER_SECONDS = 3600
    make_story(title="Hũ gạo tình thương ở Bình An")
    run_worker()
    assert search(q="hu gao").context["engine"] == "elasticsearch"

    freeze()
    with caplog.at_level(logging.WARNING, logger="search"):
        answers = [search(q="hu gao") for _ in range(3)]
        answers.append(client.get("/search/suggest", {"q": "hu ga"}))
    assert [r.context["engine"] for r in answers[:3]] == ["database"] * 3
    assert answers[3].json()["suggestions"]
    assert caplog.text.count("Elasticsearch did not answer") == 1  # one wait, then the breaker

    thaw()
    assert search(q="hu gao").context["engine"] == "database"  # still cooling down
    cache.set(Breaker.OPEN_UNTIL, time.time() - 1, None)  # the cool-down is over
    assert search(q="hu gao").context["engine"] == "elasticsearch"  # the probe: it is back
    assert search(q="hu gao").context["engine"] == "elasticsearch"
