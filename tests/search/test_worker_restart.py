"""The search worker outlives a PostgreSQL restart and carries on sending changes."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

from tests.search.test_indexing import es_titles

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the worker shares PostgreSQL with the site"
)


def restart_postgres():
    state = Path(os.environ.get("SERVICES_DIR", "/tmp/kienluong-services"))
    data = state / "pg" / "data"
    if not data.exists():
        pytest.fail(f"No PostgreSQL data at {data}: run the tests through scripts/test.sh")
    pg_ctl = [f"{(state / 'pg.bindir').read_text().strip()}/pg_ctl", "-D", str(data)]
    as_owner = ["runuser", "-u", os.environ.get("SERVICE_USER", "kienluong-svc"), "--"]
    command = (as_owner if os.getuid() == 0 else []) + pg_ctl + ["restart", "-m", "fast", "-w"]
    subprocess.run(command, check=True, capture_output=True)
    connections.close_all()


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_a_database_restart(elasticsearch, make_story):
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DATABASE_URL": url,
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
        "SEARCH_INDEX_ALIAS": settings.SEARCH_INDEX_ALIAS,
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "search_worker", "--interval", "0.2", "-v", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        make_story(title="Hũ gạo tình thương")
        assert wait_for(lambda: es_titles("hu gao") == ["Hũ gạo tình thương"])

        restart_postgres()
        make_story(title="Xóm đạo bình yên")
        assert wait_for(lambda: es_titles("xom dao") == ["Xóm đạo bình yên"])
        assert worker.poll() is None, worker.stdout.read()
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    assert "lost its database" in output or "Traceback" not in output
