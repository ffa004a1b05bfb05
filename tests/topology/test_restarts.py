"""PostgreSQL restarting under running application processes and the search worker: readers get
no error and the worker carries on (issue 11). The PostgreSQL of scripts/services.sh is
restarted for real; the test's own connections are closed and reopened around it."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connections

from tests.helpers import ROOT, database_url


def restart_postgres():
    subprocess.run(
        [str(ROOT / "scripts" / "services.sh"), "restart-postgres"],
        check=True,
        timeout=120,
        capture_output=True,
    )
    # This process's own connection died with the server: the next query opens another.
    connections.close_all()


def found_in_elasticsearch(es, alias, title, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if es.indices.exists_alias(name=alias):
            es.indices.refresh(index=alias)
            hits = es.search(index=alias, query={"match_phrase": {"title": title}})["hits"]
            if hits["total"]["value"]:
                return True
        time.sleep(0.5)
    return False


@pytest.mark.django_db(transaction=True)
def test_readers_get_no_error_when_the_database_restarts(cached_site, make_story):
    make_story(title="Kiên Lương tập huấn phòng chống bão")
    machine = cached_site.app_urls[0]
    path = "/search/?q=phong+chong+bao"  # a search always reads the database
    # Every worker of the machine holds a connection when the server goes away.
    before = [cached_site.get(path, base=machine).status_code for _ in range(6)]
    restart_postgres()
    after = [cached_site.get(path, base=machine).status_code for _ in range(6)]
    assert before == after == [200] * 6


@pytest.mark.django_db(transaction=True)
def test_the_search_worker_carries_on_after_the_database_restarts(
    elasticsearch, settings, make_story
):
    from django.db import connection

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DJANGO_SECRET_KEY": "restart-test-only",
        "DATABASE_URL": database_url(connection.settings_dict),
        "SEARCH_INDEX_ALIAS": settings.SEARCH_INDEX_ALIAS,
    }
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "search_worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        make_story(title="Trước khi máy chủ dữ liệu khởi động lại")
        assert found_in_elasticsearch(
            elasticsearch, settings.SEARCH_INDEX_ALIAS, "Trước khi máy chủ dữ liệu khởi động lại"
        )
        restart_postgres()
        make_story(title="Sau khi máy chủ dữ liệu khởi động lại")
        assert found_in_elasticsearch(
            elasticsearch, settings.SEARCH_INDEX_ALIAS, "Sau khi máy chủ dữ liệu khởi động lại"
        ), "the worker did not pick up a change after the restart"
        assert worker.poll() is None, "the worker exited"
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
