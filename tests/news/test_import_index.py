"""The import writes Wagtail's own search index (the admin's search) itself, in bulk, on
PostgreSQL: its rows must be those Wagtail would have written for the same pages."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.backends.database.postgres.postgres import IndexEntry

from news.importers import ArticleImporter
from news.models import ArticlePage, SectionPage
from tests.helpers import legacy_story, write_lines

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the bulk writer is for PostgreSQL's index"
)


def index_rows(models):
    """The index's rows of these models' pages (`title_norm` aside: modelsearch's own update
    after each write sets it, from the average of every row)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT content_type_id, object_id, title::text, autocomplete::text, body::text,
                      title_text, body_text
               FROM {IndexEntry._meta.db_table} WHERE content_type_id = ANY(%s)
               ORDER BY content_type_id, object_id""",
            [[ContentType.objects.get_for_model(model).pk for model in models]],
        )
        return cursor.fetchall()


@postgresql_only
@pytest.mark.django_db
def test_imported_pages_are_indexed_as_wagtail_indexes_them(home, tmp_path):
    rows = [
        legacy_story(1, title="Nuôi cá lồng bè ở Hòn Nghệ", tags=["thủy sản", "Hòn Nghệ"]),
        legacy_story(2, lead="", body_html="", author="", tags=[]),
        legacy_story(3, section="Thuế", body_html="<h2>Tiêu đề</h2><p>Thuế &amp; phí 📷</p>"),
    ]
    report = ArticleImporter(write_lines(tmp_path / "old.jsonl", rows)).run()
    assert report.created == 3
    models = [SectionPage, ArticlePage]
    imported = index_rows(models)
    assert len(imported) == 2 + 3
    assert any("'lồng'" in row[2] and "'sản'" in row[4] for row in imported), imported

    # The same pages indexed again by Wagtail's own bulk indexer, from an empty index.
    IndexEntry.objects.all().delete()
    for model in models:
        get_search_backend().add_bulk(model, list(model.get_indexed_objects()))
    assert index_rows(models) == imported
    assert [page.legacy_id for page in ArticlePage.objects.search("lồng bè")] == ["old-1"]


@postgresql_only
@pytest.mark.django_db
def test_updated_pages_are_indexed_as_wagtail_indexes_them(home, tmp_path):
    path = tmp_path / "old.jsonl"
    ArticleImporter(write_lines(path, [legacy_story(1), legacy_story(2)])).run()
    rows = [
        legacy_story(1, title="Nuôi tôm ở Kiên Bình", section="Thuế", body_html="<p>Tôm thẻ</p>"),
        legacy_story(2),
    ]
    report = ArticleImporter(write_lines(path, rows)).run()
    assert report.updated == 2
    imported = index_rows([ArticlePage])

    IndexEntry.objects.all().delete()
    get_search_backend().add_bulk(ArticlePage, list(ArticlePage.get_indexed_objects()))
    assert index_rows([ArticlePage]) == imported
    assert [page.legacy_id for page in ArticlePage.objects.search("tôm")] == ["old-1"]
