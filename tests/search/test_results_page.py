"""What a reader sees on /search/: pages of ten, highlights, messages, sorting, noindex."""

import datetime

import pytest
from django.utils import timezone

from tests.helpers import hit_titles, main_column

pytestmark = pytest.mark.django_db


def test_results_come_ten_a_page(engine, make_story, search):
    for n in range(12):
        make_story(title=f"Cờ phướn số {n} trên trục đường chính")
    engine.ready()

    first = search(q="co phuon")
    second = search(q="co phuon", page=2)

    assert first.context["total"] == 12
    assert len(hit_titles(first)) == 10
    assert len(hit_titles(second)) == 2
    assert set(hit_titles(first)).isdisjoint(hit_titles(second))
    assert "Trang 1 / 2" in main_column(first)
    assert 'href="?q=co+phuon&amp;page=2"' in main_column(first)


def test_a_malformed_page_number_shows_the_first_page(engine, make_story, search):
    make_story(title="Pano tuyên truyền")
    engine.ready()

    response = search(q="pano", page="abc")

    assert response.status_code == 200
    assert hit_titles(response) == ["Pano tuyên truyền"]


def test_a_page_past_the_end_is_not_found(engine, make_story, search):
    make_story(title="Pano tuyên truyền")
    engine.ready()

    assert search(q="pano", page=5).status_code == 404


def test_a_hit_shows_title_type_section_date_and_a_marked_snippet(engine, make_story, search):
    make_story(
        title="Băng rôn chào mừng Đại hội",
        lead="Huyện treo 37 băng rôn và 480 cờ Đảng dọc trục chính khu đô thị Ba Hòn.",
        published_at=timezone.make_aware(datetime.datetime(2017, 3, 2, 8, 0)),
    )
    engine.ready()

    html = main_column(search(q="bang ron"))

    assert "<mark>Băng rôn</mark> chào mừng Đại hội" in html
    assert "treo 37 <mark>băng rôn</mark> và 480 cờ Đảng" in html
    assert "Tin bài" in html
    assert "Học tập và làm theo Bác" in html  # the section
    assert "02/03/2017" in html


def test_markup_in_a_story_is_escaped_and_only_marks_survive(engine, make_story, search):
    make_story(
        title="Cảnh báo <script>alert(1)</script> lừa đảo",
        lead="<b>Lừa đảo</b> qua điện thoại <img src=x onerror=alert(1)>",
    )
    engine.ready()

    html = main_column(search(q="lua dao"))

    assert "<script>" not in html
    assert "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>lừa đảo</mark>" in html
    assert "&lt;b&gt;<mark>Lừa đảo</mark>&lt;/b&gt;" in html


def test_newest_first_on_request(engine, make_story, search):
    now = timezone.now()
    make_story(title="Gương sáng Hòn Đất", published_at=now - datetime.timedelta(days=9))
    make_story(title="Gương sáng Hòn Đất, Hòn Đất", published_at=now - datetime.timedelta(days=1))
    engine.ready()

    assert hit_titles(search(q="hon dat", sort="newest"))[0] == "Gương sáng Hòn Đất, Hòn Đất"


def test_an_empty_query_explains_how_to_search(search, home):
    response = search(q="   ")

    assert response.status_code == 200
    assert "Hãy nhập một hoặc vài từ cần tìm" in main_column(response)


def test_the_page_is_not_indexed(search, home):
    response = search(q="bac")

    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
