"""On PostgreSQL the database engine finds and ranks matches through its GIN indexes instead
of reading every stored text (what keeps a results page fast at 100,000 stories)."""

import pytest
from django.db import connection

from search.bench import Corpus
from search.database import DatabaseEngine
from search.query import SearchQuery

pytestmark = pytest.mark.django_db

ROWS = 3000


@pytest.fixture
def corpus(db):
    if connection.vendor != "postgresql":
        pytest.skip("the indexes exist only on PostgreSQL; SQLite reads every row by design")
    corpus = Corpus()
    corpus.grow(ROWS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchdocument")
    return corpus


def plans(text):
    """EXPLAIN of the engine's two queries for a results page: counts, then ranked hits."""
    engine = DatabaseEngine()
    query = SearchQuery.from_params({"q": text})
    with engine.planned():
        return engine.combinations(query).explain(), engine.ranked(query).explain()


def test_a_search_reads_its_matches_through_the_index(corpus):
    long_word = next(word for word in corpus.folded[1000:] if len(word) >= 5)
    queries = {
        "rare word": corpus.words[2000],
        "common words": f"{corpus.words[30]} {corpus.folded[45]}",
        "typo": long_word + "x",
        "phrase": f'"{corpus.folded[40]} {corpus.folded[1500]}"',
        # Long enough that a result may miss a word: counted and ranked among the rows
        # holding one of its longest words.
        "whole title": " ".join(corpus.folded[rank] for rank in (3, 30, 45, 300, 700, 1500, 2500)),
    }

    for kind, text in queries.items():
        for plan in plans(text):
            assert "Seq Scan on search_searchdocument" not in plan, (kind, plan)
            assert "search_doc_folded_gin" in plan, (kind, plan)
