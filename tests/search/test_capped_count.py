"""The database engine counts at most `search.engine.COUNT_LIMIT` matches: past it the page says
"more than" that many, and the facets list their values without counts. Under it every count
is exact. The limit is lowered here so that a handful of stories reach it."""

import pytest

from search import database
from tests.helpers import facet, hit_titles, main_column

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(make_story):
    for title in ("Khen thưởng tập thể", "Khen thưởng cá nhân", "Khen thưởng đảng viên"):
        make_story(title=title)
    make_story(title="Ra quân làm sạch bờ biển", lead="Đoàn viên dọn rác.")


def facets_sidebar(response):
    html = response.content.decode()
    return html[html.index('<aside class="sidebar search-facets">') :]


def test_more_matches_than_the_limit_are_said_to_be_more(stories, search, monkeypatch):
    monkeypatch.setattr(database, "COUNT_LIMIT", 2)

    response = search(q="khen thuong")

    assert "Hơn 2 kết quả cho “khen thuong”" in main_column(response)
    assert response.context["total"] == 2
    assert set(hit_titles(response)) < {
        "Khen thưởng tập thể",
        "Khen thưởng cá nhân",
        "Khen thưởng đảng viên",
    }
    # The section's value stays to narrow by, without a count that would be wrong.
    assert facet(response, "section") == {"Học tập và làm theo Bác": None}
    assert ">Học tập và làm theo Bác</a>" in facets_sidebar(response)


def test_as_many_matches_as_the_limit_are_counted_exactly(stories, search, monkeypatch):
    monkeypatch.setattr(database, "COUNT_LIMIT", 3)

    response = search(q="khen thuong")

    assert "3 kết quả cho “khen thuong”" in main_column(response)
    assert "Hơn" not in main_column(response)
    assert facet(response, "section") == {"Học tập và làm theo Bác": 3}
    assert "Học tập và làm theo Bác (3)" in facets_sidebar(response)


def test_a_chosen_filter_counts_exactly_past_the_limit(stories, search, monkeypatch):
    """Narrowed by a facet, every match is read for the total anyway: the page and the
    facets keep their exact counts."""
    monkeypatch.setattr(database, "COUNT_LIMIT", 2)

    response = search(q="khen thuong", section="Học tập và làm theo Bác")

    assert "3 kết quả cho “khen thuong”" in main_column(response)
    assert "Hơn" not in main_column(response)
    assert facet(response, "section") == {"Học tập và làm theo Bác": 3}
