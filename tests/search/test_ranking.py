"""The order of results (search.ranking), the same on both engines: the story a reader names
comes first, whatever else shares its words and however new it is."""

import datetime

import pytest
from django.utils import timezone

from tests.helpers import hit_titles

pytestmark = pytest.mark.django_db

LEAD = "Tin từ cơ sở."


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def story(make_story):
    def make(title, age):
        return make_story(title=title, lead=LEAD, published_at=days_ago(age))

    return make


def test_a_whole_title_finds_its_story_above_those_sharing_three_of_four_parts(
    engine, story, search
):
    named = "Hội Nông dân Bình An ra mắt mô hình “Hũ gạo tình thương”"
    story(named, age=300)
    story("Hội Phụ nữ Bình An ra mắt mô hình “Hũ gạo tình thương”", age=2)
    story("Hội Nông dân Bình Trị ra mắt mô hình “Hũ gạo tình thương”", age=3)
    story("Hội Nông dân Bình An tổng kết mô hình “Hũ gạo tình thương”", age=4)
    story("Hội Nông dân Bình An ra mắt mô hình “Dân vận khéo”", age=5)
    engine.ready()

    for typed in [
        named,
        "hoi nong dan binh an ra mat mo hinh hu gao tinh thuong",
        # Without diacritics and a letter missing: a long query may miss a word.
        "hoi nong dn binh an ra mat mo hinh hu gao tinh thuong",
    ]:
        assert hit_titles(search(q=typed))[0] == named, typed


def test_words_next_to_each_other_rank_above_the_same_words_scattered(engine, story, search):
    story("Thắp sáng đường quê ở Hòa Điền", age=300)
    story("Quê hương sáng đèn trên đường mới", age=2)
    engine.ready()

    assert hit_titles(search(q="sang duong que")) == [
        "Thắp sáng đường quê ở Hòa Điền",
        "Quê hương sáng đèn trên đường mới",
    ]


def test_the_diacritics_as_typed_rank_above_their_folded_twin(engine, story, search):
    story("Mùa lúa mới ở Hòa Điền", age=300)
    story("Mùa lúa mới ở Hoa Điền", age=2)
    engine.ready()

    assert hit_titles(search(q="Hòa Điền")) == ["Mùa lúa mới ở Hòa Điền", "Mùa lúa mới ở Hoa Điền"]


def test_recency_only_breaks_ties(engine, story, search):
    whole = "Đoàn Thanh niên Sơn Hải trao tặng “Thắp sáng đường quê”"
    old = story(whole, age=300)
    partial = story("Đoàn Thanh niên Sơn Hải trao tặng “Thắp sáng đường”", age=2)
    new = story(whole, age=1)
    engine.ready()

    found = search(q="doan thanh nien son hai trao tang thap sang duong que")

    # The old story holding every word stays above the new one missing a word; of two equal
    # stories the newer comes first.
    assert [hit.url for hit in found.context["results"]] == [new.url, old.url, partial.url]


def test_a_short_query_still_needs_every_word(engine, story, search):
    story("Hội Nông dân Bình An ra mắt mô hình mới", age=3)
    story("Hội Nông dân Bình Trị ra mắt mô hình mới", age=2)
    engine.ready()

    assert hit_titles(search(q="nong dan binh an")) == ["Hội Nông dân Bình An ra mắt mô hình mới"]
