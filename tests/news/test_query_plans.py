"""Reader pages read stories through indexes, whatever the number of stories.

On PostgreSQL, with a few thousand stories (enough for an index to win), every query a reader
page sends about stories or pages is explained: none may scan a story table or the page table
whole, or sort stories. Nor may the plan PostgreSQL keeps for it once it is prepared (a generic
plan, made without knowing its values).
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from news import corpus
from news.archive import archive_root
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
# Rows of a story table a plan may read and throw away (a section's few unpublished stories).
DISCARDED = 200


def plan_nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def story_queries(client, url):
    """The SQL of the queries a reader's GET of `url` sends about stories, every cache empty,
    as (SQL with its values, SQL with placeholders, values)."""
    cache.clear()
    sent = []

    def keep(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(keep):
        assert client.get(url).status_code == 200
    return [
        (query["sql"], *statement)
        for query, statement in zip(queries, sent, strict=True)
        if any(table in query["sql"] for table in STORY_TABLES)
    ]


def sorted_rows(node):
    """How many rows a sort node sorts (what it reads, not the few it returns)."""
    return sum(child["Plan Rows"] for child in node.get("Plans", []))


def plan_of(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()[0]  # psycopg reads the JSON
    return plan


def generic_plan_of(sql, params):
    """The plan PostgreSQL may keep for the statement once it is prepared (settings:
    DJANGO_DB_PREPARE_THRESHOLD), run: prepared here at once, then explained with a generic
    plan forced (PostgreSQL 15 has no `EXPLAIN (GENERIC_PLAN)`)."""
    placeholders = iter(range(1, len(params) + 1))
    # The text psycopg sends: %s as $1, $2…, and %% as %.
    statement = re.sub(r"%[%s]", lambda m: "%" if m[0] == "%%" else f"${next(placeholders)}", sql)
    values = connection.ops.compose_sql(", ".join(["%s"] * len(params)), params)
    with connection.connection.cursor() as cursor:
        cursor.execute(sql, params, prepare=True)
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE statement = %s", [statement])
        (name,) = cursor.fetchone()
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        try:
            cursor.execute(
                f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE {name}" + (f"({values})" if params else "")
            )
            (plan,) = cursor.fetchone()[0]
        finally:
            cursor.execute("RESET plan_cache_mode")
    return plan


def full_scans_and_sorts(sql, plan):
    """Whole-table scans of story tables, and sorts of more than a few dozen story rows.

    Counting a section's stories (once, when the count kept for it is first made) reads a
    third of them here by nature: PostgreSQL may read the story table for it (in a test
    nothing has vacuumed, its index cannot answer alone), but not the page table beside it
    (100 ms at 100,000 stories)."""
    counting = "COUNT(" in sql.split(" FROM ")[0]
    return [
        f"{node['Node Type']} {node.get('Relation Name', '')}".strip()
        for node in plan_nodes(plan["Plan"])
        if (
            node["Node Type"] == "Seq Scan"
            and node.get("Relation Name") in STORY_TABLES
            and not (counting and node["Relation Name"] == "news_articlepage")
        )
        or (node["Node Type"] in {"Sort", "Incremental Sort"} and sorted_rows(node) > 50)
        # Explained with ANALYZE: an index walked too widely, the rest filtered out.
        or (
            node.get("Relation Name") in STORY_TABLES
            and node.get("Rows Removed by Filter", 0) > DISCARDED
        )
    ]


@pytest.fixture
def large_corpus(home, section):
    ImageFactory.create_batch(3)
    # Outside the site, one level higher: its stories are as deep as the site's sections.
    archive_root()
    SectionPageFactory(parent=home, title="Thuế", slug="thue", show_in_menus=True)
    SectionPageFactory(parent=home, title="Nông thôn mới", slug="nong-thon-moi")
    corpus.grow(STORIES)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return SectionPage.objects.get(pk=section.pk)


def reader_pages(section):
    story = section.get_children().live().specific()[len(section.get_children()) // 2]
    return ["/", section.url, f"{section.url}?page=10", story.url]


@postgresql_only
@pytest.mark.django_db
def test_reader_pages_read_stories_through_indexes(client, large_corpus):
    offenders = {}
    for url in reader_pages(large_corpus):
        queries = story_queries(client, url)
        assert queries, url
        for sql, _statement, _params in queries:
            if found := full_scans_and_sorts(sql, plan_of(sql)):
                offenders.setdefault(url, []).append((found, sql[-400:]))
    assert not offenders


@postgresql_only
@pytest.mark.skipif(
    not getattr(connection.features, "uses_server_side_binding", False),
    reason="statements are not prepared",
)
@pytest.mark.django_db
def test_prepared_reader_statements_keep_plans_through_indexes(client, large_corpus):
    """A plan made without the values cannot walk an index for Wagtail's `path LIKE 'prefix%'`
    (it scanned every page under the menu's query): reader querysets ask for a range of paths
    (`website.privacy.subtree_q`)."""
    offenders = {}
    for url in reader_pages(large_corpus):
        for sql, statement, params in story_queries(client, url):
            if found := full_scans_and_sorts(sql, generic_plan_of(statement, params)):
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
