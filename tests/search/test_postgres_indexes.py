"""On PostgreSQL the database engine counts, facets and ranks through `search_entry`'s GIN
index (migration 0003) instead of reading every stored text: what keeps a results page fast at
100,000 stories. A results page is two queries, and neither scans a search table whole."""

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import database
from search.bench import SECTIONS, Corpus
from search.database import DatabaseEngine
from search.query import TYPO_MIN_LENGTH, SearchQuery

pytestmark = pytest.mark.django_db

ROWS = 3000
SEARCH_TABLES = {"search_entry", "search_searchdocument"}


@pytest.fixture
def corpus(db):
    if connection.vendor != "postgresql":
        pytest.skip("the index exists only on PostgreSQL; SQLite reads every row by design")
    corpus = Corpus()
    corpus.grow(ROWS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchdocument; ANALYZE search_entry")
    return corpus


def plan_nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def page_queries(text, **filters):
    """The SQL of a results page's queries about documents: the summary, then the hits."""
    engine = DatabaseEngine()
    query = SearchQuery.from_params({"q": text, **filters}, kinds=["bench"])
    with CaptureQueriesContext(connection) as queries:
        engine.summary(query)
        engine.hits(query, 0, 10)
    return [q["sql"] for q in queries if any(table in q["sql"] for table in SEARCH_TABLES)]


def whole_scans(sql):
    """Sequential scans of the search tables in the plan PostgreSQL picks for `sql` under the
    engine's settings."""
    with DatabaseEngine().planned(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()[0]
    return [
        node["Relation Name"]
        for node in plan_nodes(plan["Plan"])
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in SEARCH_TABLES
    ]


def index_tests(plan_text):
    """The tests of `search_entry.keys` in a plan's text, in order."""
    return re.findall(r"keys (?:&&|@>) '[^']*'::text\[\]", plan_text)


def explain_text(sql):
    with DatabaseEngine().planned(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_results_page_is_two_queries_read_through_the_index(corpus):
    long_word = next(word for word in corpus.folded[1000:] if len(word) >= 5)
    queries = {
        "rare word": (corpus.words[2000], {}),
        "common words": (f"{corpus.words[30]} {corpus.folded[45]}", {}),
        "typo": (long_word + "x", {}),
        "phrase": (f'"{corpus.folded[40]} {corpus.folded[1500]}"', {}),
        "with a facet": (corpus.words[30], {"year": "2024"}),
        "newest first": (corpus.words[30], {"sort": "newest"}),
        # Long enough that a result may miss a word: counted and ranked among the rows
        # holding one of its longest words.
        "whole title": (
            " ".join(corpus.folded[rank] for rank in (3, 30, 45, 300, 700, 1500, 2500)),
            {},
        ),
    }

    for kind, (text, params) in queries.items():
        sqls = page_queries(text, **params)
        assert len(sqls) == 2, (kind, sqls)
        for sql in sqls:
            # Newest first, a common word is found soonest by walking the dates.
            plan = explain_text(sql)
            assert "search_entry_keys" in plan or "search_entry_date" in plan, (kind, plan)
            assert whole_scans(sql) == [], (kind, sql)


def test_the_words_typed_are_one_test_of_the_index(corpus):
    """Three words, two common and one rare: the count asks the index once for the rows
    holding the three anywhere, rather than once a word for its title, lead or body."""
    # Too short for typo variants (each of those is a test of its own).
    words = [word for word in dict.fromkeys(corpus.folded[20:]) if len(word) < TYPO_MIN_LENGTH]
    text = " ".join([words[0], words[10], words[-1]])
    count, _ = page_queries(text)
    expected = "{" + ",".join(f"af:{word}" for word in text.split()) + "}"
    # The one test, as the index's condition and as the heap's recheck.
    assert set(index_tests(explain_text(count))) == {f"keys @> '{expected}'::text[]"}


def test_the_narrow_copy_follows_the_documents(corpus):
    """Written, rewritten, removed and emptied with `search_searchdocument`, by its triggers."""
    from search.models import SearchDocument, SearchEntry

    document = SearchDocument.objects.filter(kind="bench").order_by("pk").first()
    assert SearchEntry.objects.count() == ROWS

    document.title_folded = " kien luong moi "
    document.save()
    assert "tf:moi" in SearchEntry.objects.get(pk=document.pk).keys

    SearchDocument.objects.filter(pk=document.pk).update(removed=True)
    assert not SearchEntry.objects.filter(pk=document.pk).exists()

    SearchDocument.objects.filter(pk__lt=document.pk + 10).delete()
    assert not SearchEntry.objects.filter(pk__lt=document.pk + 10).exists()

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_searchdocument")
    assert not SearchEntry.objects.exists()


def first_page(engine, query, offset):
    """The urls of the hits from `offset`, as the results page gets them."""
    return [hit["url"] for hit in engine.hits(query, offset, 10)]


def whole_ranking(engine, query, offset):
    """The same page with every matching row scored and sorted (no shortcut)."""
    from search.models import SearchDocument

    with engine.planned():
        ids = list(engine.ranked(query).values_list("pk", flat=True)[offset : offset + 10])
    urls = dict(SearchDocument.objects.filter(pk__in=ids).values_list("pk", "url"))
    return [urls[pk] for pk in ids]


def four_or_five_common_words(words, seed):
    """(text, query) of 30 random queries of four or five of `words`' most common."""
    rng = random.Random(seed)
    for _ in range(30):
        ranks = rng.sample(range(3, 60), rng.randint(4, 5))
        text = " ".join(words[rank] for rank in ranks)
        yield text, SearchQuery.from_params({"q": text}, kinds=["bench"])


def first_page_plan(engine, query, text):
    """The plan (`EXPLAIN ANALYZE`) of the hits statement of the first page, once that page
    is checked to be the whole ranking's."""
    expected = whole_ranking(engine, query, 0)
    with CaptureQueriesContext(connection) as queries:
        assert first_page(engine, query, 0) == expected, text
    *_, sql = [q["sql"] for q in queries if "search_entry" in q["sql"]]
    with engine.planned(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()[0]
    return plan["Plan"]


def decided_by_first_tier(plan, text):
    """Whether the first tier gave the whole page; if so, none of the later rankings ran
    (the title rows', the title and lead rows', then the whole ranking)."""
    append = next(node for node in plan_nodes(plan) if node["Node Type"] == "Append")
    head, *later = [node for node in append["Plans"] if node["Parent Relationship"] == "Member"]
    if head["Actual Rows"] != 10:
        return False
    assert len(later) == 3
    for branch in later:
        ranking = [n for n in branch["Plans"] if n["Parent Relationship"] != "InitPlan"]
        assert ranking and all(node["Actual Loops"] == 0 for node in ranking), text
    return True


def test_rows_holding_no_word_in_their_title_change_nothing_on_the_page(corpus):
    """Ranking only the rows with a word of the query in their title, when enough of them
    score above anything the other rows can, gives the page the whole ranking gives."""
    long_word = next(word for word in corpus.words[40:] if len(word) >= 5)
    queries = [
        (corpus.words[30], {}, 0),  # accented: its title matches outscore any lead
        (corpus.words[30], {}, 10),
        (corpus.folded[30], {}, 0),  # without accents: the lead's folded copy bounds the rest
        (f"{corpus.folded[20]} {corpus.folded[35]}", {}, 0),
        # Five common words: no row holds them all their best way in its lead (the bound's step).
        (" ".join(corpus.folded[rank] for rank in (3, 20, 30, 35, 45)), {}, 0),
        (f"{corpus.words[3]} {corpus.words[5]}", {"year": "2024"}, 0),
        # Both in the title, one accented as written: the rows holding both decide.
        (f"{corpus.words[3]} {corpus.folded[5]}", {}, 0),
        (f"{corpus.words[3]} {corpus.folded[5]} {corpus.words[20]}", {}, 0),
        (f'{corpus.words[3]} "{corpus.folded[5]} {corpus.folded[30]}"', {}, 0),
        (long_word[:2] + long_word[3:], {}, 0),  # a typo
        (f'"{corpus.folded[20]} {corpus.folded[35]}"', {}, 0),
        (corpus.words[2000], {}, 0),  # rare: too few titles, every row is ranked
        (" ".join(corpus.folded[rank] for rank in (3, 30, 45, 300, 700, 1500, 2500)), {}, 0),
    ]
    engine = DatabaseEngine()
    for text, params, offset in queries:
        query = SearchQuery.from_params({"q": text, **params}, kinds=["bench"])
        expected = whole_ranking(engine, query, offset)
        assert expected, text
        assert first_page(engine, query, offset) == expected, text


def test_a_filter_leaves_a_common_word_ranked_by_its_title_rows_first(corpus, monkeypatch):
    """Narrowed to one section, a word most rows hold has few results but every match still
    read (and each lookup built whole) if all were ranked at once: what decides is the rows
    the count read, so its title rows are ranked first, and the page is the whole ranking's."""
    monkeypatch.setattr(database, "RANK_ALL_BELOW", 1000)
    engine = DatabaseEngine()
    params = {"q": corpus.words[30], "section": SECTIONS[3]}
    query = SearchQuery.from_params(params, kinds=["bench"])
    summary = engine.summary(query)
    # Each section counted without its own filter: every match was read.
    assert summary.total < 1000 <= sum(n for _, n in summary.facets["section"])
    expected = whole_ranking(engine, query, 0)
    with CaptureQueriesContext(connection) as queries:
        assert first_page(engine, query, 0) == expected
    assert any("head0" in q["sql"] for q in queries)


def test_a_common_word_scores_only_the_rows_holding_it_in_their_title(corpus):
    """The rows holding a word most rows hold in their title decide the page: neither the
    rows holding it in their lead nor the others are ranked."""
    engine = DatabaseEngine()
    query = SearchQuery.from_params({"q": corpus.words[30]}, kinds=["bench"])
    with CaptureQueriesContext(connection) as queries:
        engine.hits(query, 0, 10)
    # Each unit's best way outside the title is read first, then the hits statement.
    _best, sql = [q["sql"] for q in queries if "search_entry" in q["sql"]]
    with engine.planned(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()[0]
    (append,) = [node for node in plan_nodes(plan["Plan"]) if node["Node Type"] == "Append"]
    head, *later = [node for node in append["Plans"] if node["Parent Relationship"] == "Member"]
    assert head["Actual Rows"] == 10
    # The title and lead's ranking, then the whole ranking, each behind its one-time filter.
    assert len(later) == 2
    for branch in later:
        ranking = [node for node in branch["Plans"] if node["Parent Relationship"] != "InitPlan"]
        assert ranking and all(node["Actual Loops"] == 0 for node in ranking)


def test_two_common_words_score_only_the_rows_holding_both_in_their_title(corpus):
    """Many rows hold one of two common words in their title; the fewer holding both decide
    the page, which is the whole ranking's: no other tier is ranked."""
    engine = DatabaseEngine()
    query = SearchQuery.from_params({"q": f"{corpus.words[3]} {corpus.words[5]}"}, kinds=["bench"])
    expected = whole_ranking(engine, query, 0)
    with CaptureQueriesContext(connection) as queries:
        assert first_page(engine, query, 0) == expected
    _best, sql = [q["sql"] for q in queries if "search_entry" in q["sql"]]
    with engine.planned(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()[0]
    # The outermost: a tier's parts are a union of their own.
    append = next(node for node in plan_nodes(plan["Plan"]) if node["Node Type"] == "Append")
    head, *later = [node for node in append["Plans"] if node["Parent Relationship"] == "Member"]
    assert head["Actual Rows"] == 10
    # The title rows', the title and lead rows', then the whole ranking: none run.
    assert len(later) == 3
    for branch in later:
        ranking = [node for node in branch["Plans"] if node["Parent Relationship"] != "InitPlan"]
        assert ranking and all(node["Actual Loops"] == 0 for node in ranking)


@pytest.mark.parametrize("rare", [database.RARE, ROWS * database.RARE // 100_000])
def test_four_or_five_common_words_get_the_whole_rankings_page(corpus, monkeypatch, rare):
    """Four or five of the most common words, accented as written or folded, from the first
    and second page: the title tier's bound (lowered when no row holds every word its best
    way at once) holds, whichever tier decides."""
    monkeypatch.setattr(database, "RARE", rare)
    rng = random.Random(45)
    engine = DatabaseEngine()
    for _ in range(20):
        ranks = rng.sample(range(70), rng.randint(4, 5))
        text = " ".join(rng.choice((corpus.words, corpus.folded))[rank] for rank in ranks)
        query = SearchQuery.from_params({"q": text}, kinds=["bench"])
        for offset in (0, 10):
            assert first_page(engine, query, offset) == whole_ranking(engine, query, offset), text


def test_a_word_written_as_typed_in_a_few_leads_leaves_the_title_rows_deciding(corpus, monkeypatch):
    """ "dang" is written so in a few leads: those rows join the title rows rather than bound
    every other row by a lead's match as typed, and the title rows decide the page, which is
    the whole ranking's."""
    # RARE scaled to this corpus: 200 rows of 100,000 are 6 of 3,000.
    monkeypatch.setattr(database, "RARE", ROWS * database.RARE // 100_000)
    engine = DatabaseEngine()
    query = SearchQuery.from_params({"q": "dang vien"}, kinds=["bench"])
    expected = whole_ranking(engine, query, 0)
    with CaptureQueriesContext(connection) as queries:
        assert first_page(engine, query, 0) == expected
    dang = query.units[0]
    assert "lw:dang" in engine.best(query.units)[("title",), dang][1]
    _best, sql = [q["sql"] for q in queries if "search_entry" in q["sql"]]
    with engine.planned(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()[0]
    append = next(node for node in plan_nodes(plan["Plan"]) if node["Node Type"] == "Append")
    # The rows holding both words in the title, then those holding one: these decide.
    _every, title, *later = [
        node for node in append["Plans"] if node["Parent Relationship"] == "Member"
    ]
    assert title["Actual Rows"] == 10
    for branch in later:
        ranking = [node for node in branch["Plans"] if node["Parent Relationship"] != "InitPlan"]
        assert ranking and all(node["Actual Loops"] == 0 for node in ranking)


def test_a_query_searched_before_ranks_a_new_word_one_typo_away(corpus):
    """The ranking written for a query is kept between requests, but stories bringing a new
    word one letter away from what was typed are ranked by it when the same query comes
    again: the story holding it in the title first, before a newer one holding it in the body."""
    from django.utils import timezone

    from search.indexing import remember_words

    query = SearchQuery.from_params({"q": "qwxyzu"}, kinds=["bench"])
    assert first_page(DatabaseEngine(), query, 0) == []

    now = timezone.now()
    in_title, in_body = corpus.document(ROWS, now), corpus.document(ROWS + 1, now)
    in_title.title, in_title.title_words, in_title.title_folded = "Qwxyzt.", " qwxyzt ", " qwxyzt "
    in_title.date = now - timezone.timedelta(days=30)
    in_body.body_words += "qwxyzt "
    in_body.body_folded += "qwxyzt "
    in_body.date = now
    for story in (in_title, in_body):
        story.save()
    remember_words("qwxyzt")

    assert first_page(DatabaseEngine(), query, 0) == [in_title.url, in_body.url]


def test_the_narrow_copy_is_what_its_documents_give_however_they_are_written(corpus):
    """Each entry is what migrations 0005 and 0006 derive from its document (the same keys, in
    the same order, and its title and lead) after statements writing many documents at once:
    an upsert changing some, leaving others as they were, a removal and a return."""
    import importlib

    from search.models import SearchDocument, SearchEntry

    keys = importlib.import_module("search.migrations.0006_search_entry_anywhere").KEYS
    copied = ", ".join(importlib.import_module("search.migrations.0005_search_entry_leads").COPIED)
    documents = list(SearchDocument.objects.filter(kind="bench").order_by("pk")[:20])
    for document in documents[:10]:
        document.body_folded += "chu moi "
        document.title_words = " Tin mới "
        document.lead_folded = " loi moi "
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["body_folded", "title_words", "lead_folded", "pending"],
    )
    SearchDocument.objects.filter(pk__in=[d.pk for d in documents[15:]]).update(removed=True)
    SearchDocument.objects.filter(pk=documents[-1].pk).update(removed=False)

    derived = (
        f"SELECT id, {copied}, {keys.replace('NEW.', '')}"
        " FROM search_searchdocument WHERE NOT removed"
    )
    entries = f"SELECT id, {copied}, keys FROM search_entry"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM (({derived}) EXCEPT ALL {entries}) AS missing")
        assert cursor.fetchone()[0] == 0
        cursor.execute(f"SELECT count(*) FROM ({entries} EXCEPT ALL {derived}) AS extra")
        assert cursor.fetchone()[0] == 0
    changed = SearchEntry.objects.get(pk=documents[0].pk)
    assert {"tw:mới", "bf:moi", "lf:moi", "af:moi", "af:chu"} <= set(changed.keys)
    assert changed.lead_folded == " loi moi "
    assert SearchEntry.objects.count() == ROWS - 4


@pytest.mark.parametrize("rare", [database.RARE, ROWS * database.RARE // 100_000])
def test_random_queries_get_the_whole_rankings_page(corpus, monkeypatch, rare):
    """Queries of one to five words, common or not, accented as written or folded, some with
    a typo or a phrase, from the first and second page: each tier's bound holds, whatever the
    words (with RARE as set, and scaled to this corpus, where more ways join the tiers)."""
    monkeypatch.setattr(database, "RARE", rare)
    rng = random.Random(9)
    engine = DatabaseEngine()
    for _ in range(40):
        ranks = [min(int(rng.paretovariate(0.6)) - 1, 1500) for _ in range(rng.randint(1, 5))]
        words = [rng.choice((corpus.words, corpus.folded))[rank] for rank in ranks]
        if rng.random() < 0.2 and len(words[0]) >= 5:  # a letter dropped
            words[0] = words[0][:2] + words[0][3:]
        text = " ".join(words)
        if rng.random() < 0.15 and len(words) > 2:
            text = f'"{words[0]} {words[1]}" {" ".join(words[2:])}'
        query = SearchQuery.from_params({"q": text}, kinds=["bench"])
        for offset in (0, 10):
            assert first_page(engine, query, offset) == whole_ranking(engine, query, offset), text


def test_a_unit_whose_title_adds_nothing_leaves_its_rows_out_of_the_second_tier(monkeypatch):
    """ "chòng" written as typed in many leads scores as much there as in a title, folded: a
    row holding only "chòng" in its title scores no more than one holding neither, so after
    the rows holding both words come the rows holding "nữ" in the title, and no others."""
    from search import ranking

    engine = DatabaseEngine()
    engine.indexed = True  # the tiers are SQL text: no statement runs
    query = SearchQuery.from_params({"q": "nữ chòng"}, kinds=["bench"])
    nu, chong = query.units
    points = {  # the best ways held by many rows, as `best` reads them (over coverage)
        (("title",), nu): 12,  # "nữ" as written, in a lead
        (("title",), chong): 12,
        (("title", "lead"), nu): 6,
        (("title", "lead"), chong): 6,
        ((), nu): 18,  # in a title, as written
        ((), chong): 12,  # "chòng" as written in a title: rows too few (ranked with the tier)
    }
    best = {key: (ranking.COVERAGE + value, []) for key, value in points.items()}
    monkeypatch.setattr(engine, "best", lambda units: best)
    both, one, *_ = list(engine.tiers(query.units))
    coverage = 2 * ranking.COVERAGE
    # Holding both: at most 18 + 12 + a pair folded; "nữ" alone in the title, at most 18 + 12.
    assert both[2] == (str(coverage + 30), [])
    assert [list(part.params) for part in both[0]] == [
        [engine.keys_in(["title"], [nu]), engine.keys_in(["title"], [chong])]
    ]
    # Holding "nữ": more than "chòng" alone in the title can score (12 + 12).
    assert one[2] == (str(coverage + 24), [])
    assert [list(part.params) for part in one[0]] == [[engine.keys_in(["title"], [nu])]]


def test_four_or_five_words_may_be_decided_by_the_titles_holding_one_or_two_of_them(corpus):
    """Four or five common words typed without accents: the rows holding in the title one of
    the one or two words that leave a title holding only the others the least to score come
    first (`few_titles`). For some queries they decide the page, which is the whole
    ranking's, and neither the rows holding another word in the title nor the rest are
    ranked."""
    engine = DatabaseEngine()
    decided = []
    for text, query in four_or_five_common_words(corpus.folded, seed=5):
        if not engine.few_titles(query.units):
            continue
        if decided_by_first_tier(first_page_plan(engine, query, text), text):
            decided.append(text)
    assert decided


def test_four_or_five_accented_words_may_be_decided_by_the_titles_holding_two_of_them(
    corpus, monkeypatch
):
    """Four or five common words typed with their accents: none is worth ranking first alone
    (their folded twins fill titles, and a lead as written scores more than a title folded),
    but the rows whose title holds two of them come first (`two_titles_parts`). For some
    queries they decide the page, which is the whole ranking's, and neither the rows holding
    one of them in the title nor the rest are ranked; no plan tests the keys row by row, and
    the index reads each part's title keys before the words' own (the common words' long
    lists are then skipped through). The parts' rows are few: their leads are read on each row,
    not looked up in the index."""
    monkeypatch.setattr(database, "RARE", ROWS * database.RARE // 100_000)
    engine = DatabaseEngine()
    decided = []
    for text, query in four_or_five_common_words(corpus.words, seed=4):
        if engine.few_titles(query.units) or not engine.two_titles(query.units):
            continue
        plan = first_page_plan(engine, query, text)
        with engine.planned():
            words = set(index_tests(engine.matching(query.units).explain()))
        assert not [n for n in plan_nodes(plan) if "keys" in n.get("Filter", "")], text
        (tier,) = [n for n in plan_nodes(plan) if n.get("Subplan Name") == "CTE head0"]
        for node in plan_nodes(tier):
            tests = index_tests(node.get("Index Cond", ""))
            if words & set(tests):
                assert tests[0] not in words, (text, tests)
        # Each lookup is a subplan; those of the bodies' words remain.
        lookups = [n for n in plan_nodes(tier) if n.get("Parent Relationship") == "SubPlan"]
        looked_up = [m.get("Index Cond", "") for n in lookups for m in plan_nodes(n)]
        assert any(re.search(r"[{,]bw:", cond) for cond in looked_up), text
        assert not any(re.search(r"[{,]l[wf]:", cond) for cond in looked_up), text
        if decided_by_first_tier(plan, text):
            decided.append(text)
    assert decided
