"""Title suggestions for the search box, as the reader types."""

import pytest

pytestmark = pytest.mark.django_db


def test_suggestions_match_the_start_of_words_without_diacritics(engine, make_story, client):
    story = make_story(title="Học tập và làm theo Bác")
    make_story(title="Hội thi tìm hiểu lịch sử Đảng")
    engine.ready()

    response = client.get("/search/suggest", {"q": "hoc ta"})

    assert response.status_code == 200
    assert response.json() == {
        "suggestions": [{"title": "Học tập và làm theo Bác", "url": story.url}]
    }
    assert response["X-Robots-Tag"] == "noindex"


def test_a_single_letter_suggests_nothing(engine, make_story, client):
    make_story(title="Học tập và làm theo Bác")
    engine.ready()

    assert client.get("/search/suggest", {"q": "h"}).json() == {"suggestions": []}
