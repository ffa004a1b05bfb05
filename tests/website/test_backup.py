"""`manage.py backup` writes the site to one archive; `manage.py restore` brings it back on an
empty database (a scratch database on the test server, or a new SQLite file) and uploads
folder, and rebuilds the search index."""

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import wagtail_factories
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.rich_text import RichText

from news.models import ArticlePage, ArticleViewCount
from tests.factories import FeedbackFactory
from tests.helpers import ROOT, database_url


@pytest.fixture
def empty_database(tmp_path):
    """(URL, DB-API connect function) of a database with nothing in it, of the suite's kind."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    name = f"{connection.settings_dict['NAME']}_restore_{os.getpid()}"
    server = database_url({**connection.settings_dict, "NAME": "postgres"})
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = database_url({**connection.settings_dict, "NAME": name})
    yield url, lambda: psycopg.connect(url)
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


QUERIES = {
    "pages": "SELECT id, path, title, live FROM wagtailcore_page ORDER BY id",
    "stories": "SELECT page_ptr_id, body FROM news_articlepage ORDER BY page_ptr_id",
    "feedback": "SELECT article_id, name, contact, message, approved FROM news_feedback",
    "views": "SELECT page_id, views FROM news_articleviewcount ORDER BY page_id",
    "images": "SELECT file FROM wagtailimages_image ORDER BY id",
    "search": "SELECT object_id, title FROM search_searchdocument WHERE kind = 'story'",
}


def read_site(cursor):
    def plain(value):  # JSON comes back parsed from PostgreSQL, as text from SQLite
        return json.loads(value) if isinstance(value, str) and value[:1] in "[{" else value

    site = {}
    for name, sql in QUERIES.items():
        cursor.execute(sql)
        site[name] = [tuple(plain(value) for value in row) for row in cursor.fetchall()]
    return site


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_whole_site_elsewhere(make_story, tmp_path, empty_database):
    image = wagtail_factories.ImageFactory(title="Lễ tuyên dương")
    story = make_story(
        title="Tuyên dương gương người tốt việc tốt",
        body=[("paragraph", RichText("<p>Huyện khen thưởng <b>30 tập thể</b>.</p>"))],
        hero_image=image,
    )
    make_story(title="Tin thứ hai")
    FeedbackFactory(article=story, message="Cảm ơn Ban biên tập.", approved=True)
    ArticleViewCount.objects.create(page=story, views=1234)
    archive = tmp_path / "kienluong.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    with connection.cursor() as cursor:
        before = read_site(cursor)

    url, connect = empty_database
    uploads = tmp_path / "restored-uploads"
    restored = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_DEBUG"}},
            "DJANGO_SETTINGS_MODULE": "website.settings.dev",  # MEDIA_ROOT from the environment
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(uploads),
            "ELASTICSEARCH_URL": "",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert restored.returncode == 0, restored.stderr
    assert "check_search_index" in restored.stdout
    with connect() as target:
        after = read_site(target.cursor())
    for name in QUERIES:
        if name != "search":
            assert after[name] == before[name], name
    assert len(before["pages"]) == 5 and before["feedback"]
    assert before["views"] == [(story.pk, 1234)]
    assert (story.pk, "Tuyên dương gương người tốt việc tốt") in after["search"]
    (image_file,) = after["images"]
    original = Path(settings.MEDIA_ROOT) / image_file[0]
    assert (uploads / image_file[0]).read_bytes() == original.read_bytes()


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused_and_changes_nothing(make_story, tmp_path):
    make_story(title="Vẫn còn")
    junk = tmp_path / "not-a-backup.tar"
    junk.write_bytes(b"not a tar file at all")
    with pytest.raises(CommandError, match="không phải là bản sao lưu"):
        call_command("restore", str(junk), stdout=io.StringIO())
    assert ArticlePage.objects.filter(title="Vẫn còn").exists()
