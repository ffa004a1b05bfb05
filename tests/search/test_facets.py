"""Narrowing results by type, section, year and commune, with counts that combine."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import SectionPageFactory
from tests.helpers import facet, hit_titles

pytestmark = pytest.mark.django_db


def at(year):
    return timezone.make_aware(datetime.datetime(year, 6, 1, 9, 0))


@pytest.fixture
def stories(engine, home, section, make_story):
    other = SectionPageFactory(parent=home, title="Xây dựng Đảng", slug="xay-dung-dang")
    make_story(title="Khen thưởng tập thể 2017", published_at=at(2017))
    make_story(title="Khen thưởng cá nhân 2017", published_at=at(2017))
    make_story(title="Khen thưởng cá nhân 2018", published_at=at(2018))
    make_story(parent=other, title="Khen thưởng đảng viên 2018", published_at=at(2018))
    make_story(title="Ra quân làm sạch bờ biển", lead="Đoàn viên dọn rác.", published_at=at(2018))
    engine.ready()


def test_facets_count_the_matching_results(stories, search):
    response = search(q="khen thuong")

    assert response.context["total"] == 4
    assert facet(response, "year") == {2017: 2, 2018: 2}
    assert facet(response, "section") == {"Học tập và làm theo Bác": 3, "Xây dựng Đảng": 1}
    assert facet(response, "type") == {"Tin bài": 4}
    assert facet(response, "commune") == {}  # stories name no commune


def test_facets_combine(stories, search):
    response = search(q="khen thuong", year="2018")

    assert sorted(hit_titles(response)) == [
        "Khen thưởng cá nhân 2018",
        "Khen thưởng đảng viên 2018",
    ]
    # The year facet keeps its other values, so the reader can switch year.
    assert facet(response, "year") == {2017: 2, 2018: 2}
    assert facet(response, "section") == {"Học tập và làm theo Bác": 1, "Xây dựng Đảng": 1}

    narrowed = search(q="khen thuong", year="2018", section="Xây dựng Đảng")
    assert hit_titles(narrowed) == ["Khen thưởng đảng viên 2018"]
    assert facet(narrowed, "year") == {2018: 1}


def test_a_selected_facet_links_back_to_all_results(stories, search):
    response = search(q="khen thuong", year="2017")
    links = {
        v["label"]: v
        for g in response.context["facets"]
        if g["param"] == "year"
        for v in g["values"]
    }

    assert links[2017]["selected"]
    assert "year" not in links[2017]["url"]
    assert "year=2018" in links[2018]["url"]
