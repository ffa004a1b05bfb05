"""Whatever is typed or forged into the address, the reader gets a page, never a 500."""

import pytest

from tests.helpers import main_column

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    "a" * 3000,
    "học " * 750,
    '"',
    '"""',
    "AND (",
    "*",
    "\\",
    "bac\x00",
    "\x00",
    "title:(bac",
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "%",
    "_",
    "bac~2^5",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_a_hostile_query_gets_an_answer(engine, make_story, search, query):
    make_story(title="Học tập và làm theo Bác")
    engine.ready()

    response = search(q=query)

    assert response.status_code == 200
    assert "<script>alert" not in main_column(response)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "bac", "page": "abc"},
        {"q": "bac", "page": "-3"},
        {"q": "bac", "page": "0"},
        {"q": "bac", "year": "abc"},
        {"q": "bac", "year": "99999999999999999999"},
        {"q": "bac", "type": "nothing"},
        {"q": "bac", "section": "\x00"},
        {"q": "bac", "sort": "DROP TABLE"},
    ],
)
def test_forged_parameters_are_ignored(engine, make_story, search, params):
    make_story(title="Học tập và làm theo Bác")
    engine.ready()

    response = search(**params)

    assert response.status_code == 200
    assert response.context["total"] == 1


def test_the_suggestions_survive_hostile_input(engine, client, home):
    for query in ["", "\x00", '"', "*", "a" * 3000]:
        response = client.get("/search/suggest", {"q": query})
        assert response.status_code == 200
        assert response.json() == {"suggestions": []}
