"""Reader pages read stories through indexes, whatever the number of stories.

On PostgreSQL, with a few thousand stories (enough for an index to win), every query a reader
page sends about stories or pages is explained: none may scan a story table or the page table
whole, or sort stories.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from news import corpus
from news.models import SectionPage
from tests.factories import SectionPageFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plans checked are PostgreSQL's"
)

# Wagtail's page table holds a row for every story too.
STORY_TABLES = {
    "news_articlepage",
    "news_articlepagetag",
    "news_articleviewcount",
    "wagtailcore_page",
}
STORIES = 4000


def plan_nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def story_queries(client, url):
    """The SQL of the queries a reader's GET of `url` sends about stories, every cache empty."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if any(table in q["sql"] for table in STORY_TABLES)]


def sorted_rows(node):
    """How many rows a sort node sorts (what it reads, not the few it returns)."""
    return sum(child["Plan Rows"] for child in node.get("Plans", []))


def full_scans_and_sorts(sql):
    """Whole-table scans of story tables, and sorts of more than a few dozen story rows.

    Counting a section's stories (once, when the count kept for it is first made) reads a
    third of them here by nature: PostgreSQL may read the story table for it (in a test
    nothing has vacuumed, its index cannot answer alone), but not the page table beside it
    (100 ms at 100,000 stories)."""
    counting = "COUNT(" in sql.split(" FROM ")[0]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()[0]  # psycopg reads the JSON
    return [
        f"{node['Node Type']} {node.get('Relation Name', '')}".strip()
        for node in plan_nodes(plan["Plan"])
        if (
            node["Node Type"] == "Seq Scan"
            and node.get("Relation Name") in STORY_TABLES
            and not (counting and node["Relation Name"] == "news_articlepage")
        )
        or (node["Node Type"] in {"Sort", "Incremental Sort"} and sorted_rows(node) > 50)
    ]


@pytest.fixture
def large_corpus(home, section):
    ImageFactory.create_batch(3)
    SectionPageFactory(parent=home, title="Thuế", slug="thue", show_in_menus=True)
    SectionPageFactory(parent=home, title="Nông thôn mới", slug="nong-thon-moi")
    corpus.grow(STORIES)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return SectionPage.objects.get(pk=section.pk)


@postgresql_only
@pytest.mark.django_db
def test_reader_pages_read_stories_through_indexes(client, large_corpus):
    section = large_corpus
    story = section.get_children().live().specific()[len(section.get_children()) // 2]
    pages = ["/", section.url, f"{section.url}?page=10", story.url]
    offenders = {}
    for url in pages:
        queries = story_queries(client, url)
        assert queries, url
        for sql in queries:
            if found := full_scans_and_sorts(sql):
                offenders.setdefault(url, []).append((found, sql[-400:]))
    assert not offenders


@pytest.mark.django_db
def test_a_page_sends_as_many_queries_with_many_stories_as_with_fewer(client, home, section):
    ImageFactory.create_batch(3)
    counts = {}
    for size in (200, 1500):
        corpus.grow(size)
        story = SectionPage.objects.get(pk=section.pk).get_first_child()
        for url in ("/", section.url, f"{section.url}?page=5", "story"):
            url = story.url if url == "story" else url
            client.get(url)  # image renditions made once
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            counts.setdefault(size, []).append(len(queries))
    assert counts[200] == counts[1500]
