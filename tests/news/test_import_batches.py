"""A long import writes in small transactions: editors keep publishing meanwhile, and an
import killed half-way leaves a whole tree that running it again completes (PostgreSQL, with
the import on its own connection)."""

import io
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections
from wagtail.models import Page, PageLogEntry

from news.importers import ArticleImporter
from news.models import ArticlePage, SectionPage
from tests.factories import ArticlePageFactory
from tests.helpers import ROOT, database_url, legacy_story, publish, write_lines

STORIES = 300  # six batches of ArticleImporter.batch_size

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
)


def import_file(tmp_path, count=STORIES):
    rows = [legacy_story(n, body_html=f"<p>Nội dung tin cũ số {n}.</p>") for n in range(count)]
    return write_lines(tmp_path / "old.jsonl", rows)


def assert_whole_tree():
    """What `manage.py fixtree` checks (paths, depths, child counts), and no half story: every
    imported story is live with its revision and its publish in the history."""
    assert Page.find_problems() == ([], [], [], [], [])
    stories = ArticlePage.objects.exclude(legacy_id="")
    assert not stories.filter(live=False).exists()
    assert not stories.filter(live_revision__isnull=True).exists()
    published = set(
        PageLogEntry.objects.filter(action="wagtail.publish").values_list("page_id", flat=True)
    )
    assert set(stories.values_list("pk", flat=True)) <= published


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_an_editor_publishes_into_the_section_while_stories_are_imported(home, tmp_path):
    path = import_file(tmp_path)
    # The section exists before the import, so the import writes into the editor's section.
    call_command("import_articles", str(write_lines(tmp_path / "one.jsonl", [legacy_story(-1)])))
    section = SectionPage.objects.get(title="Xây dựng Đảng")
    events, first_batch, published = [], threading.Event(), threading.Event()

    def progress(done, total, stage):
        if stage != "write":
            return
        events.append(("import wrote", done))
        first_batch.set()
        if done == 3 * ArticleImporter.batch_size:
            # Bounds the test, not the editor: the editor has had two batches to publish in.
            published.wait(timeout=120)

    def run_import():
        try:
            report = ArticleImporter(path, progress=progress).run()
            events.append(("import finished", report.created))
        finally:
            connections.close_all()

    importer = threading.Thread(target=run_import)
    importer.start()
    try:
        assert first_batch.wait(timeout=300), "the import wrote nothing"
        with connection.cursor() as cursor:
            # A publish stuck behind the import fails instead of waiting for it to end.
            cursor.execute("SET lock_timeout = '20s'")
        editor_story = ArticlePageFactory(parent=section, title="Tin biên tập viên đăng")
        publish(editor_story)
        events.append(("editor published", editor_story.pk))
        published.set()
    finally:
        published.set()
        importer.join(timeout=600)
    names = [name for name, _value in events]
    assert names[-1] == "import finished" and events[-1][1] == STORIES
    published_at = names.index("editor published")
    # The editor's publish finished while the import was still writing: between its batches.
    assert 0 < published_at < names.index("import finished")
    assert "import wrote" in names[published_at + 1 :]
    assert ArticlePage.objects.live().child_of(section).count() == STORIES + 2
    assert_whole_tree()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_killed_import_leaves_a_whole_tree_and_a_rerun_finishes_it(home, tmp_path):
    path = import_file(tmp_path, count=STORIES)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_articles", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while not ArticlePage.objects.exists() and process.poll() is None:
            assert time.monotonic() < deadline, "the import wrote nothing"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    written = ArticlePage.objects.count()
    assert 0 < written < STORIES, "the import was not killed half-way"
    assert written % ArticleImporter.batch_size == 0  # whole batches, nothing of the last
    assert_whole_tree()

    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert ArticlePage.objects.count() == STORIES
    assert ArticlePage.objects.values("legacy_id").distinct().count() == STORIES
    assert_whole_tree()
