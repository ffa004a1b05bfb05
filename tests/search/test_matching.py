"""Vietnamese as readers type it: without diacritics, with them, with a typo, as a phrase."""

import pytest

from tests.helpers import hit_titles

pytestmark = pytest.mark.django_db


def test_a_query_without_diacritics_finds_the_accented_story(engine, make_story, search):
    make_story(title="Học tập và làm theo Bác", lead="Tấm gương đạo đức Hồ Chí Minh.")
    make_story(title="Ra quân làm sạch bờ biển", lead="Thanh niên dọn rác.")
    engine.ready()

    response = search(q="hoc tap lam theo bac")

    assert hit_titles(response) == ["Học tập và làm theo Bác"]
    assert response.context["engine"] == engine.name


def test_an_accented_query_finds_the_same_story(engine, make_story, search):
    make_story(title="Học tập và làm theo Bác")
    engine.ready()

    assert hit_titles(search(q="Học TẬP")) == ["Học tập và làm theo Bác"]


def test_exact_accents_rank_above_a_folded_only_match(engine, make_story, search):
    make_story(title="Gió mùa đông bắc về sớm", lead="Thời tiết chuyển lạnh.")
    make_story(title="Kể chuyện về Bác ở xã", lead="Thời tiết chuyển lạnh.")
    engine.ready()

    found = hit_titles(search(q="Bác"))

    assert found == ["Kể chuyện về Bác ở xã", "Gió mùa đông bắc về sớm"]


def test_d_with_stroke_folds_to_d(engine, make_story, search):
    make_story(title="Đoàn viên tham gia dọn đường")
    engine.ready()

    assert hit_titles(search(q="doan vien")) == ["Đoàn viên tham gia dọn đường"]
    assert hit_titles(search(q="ĐOÀN")) == ["Đoàn viên tham gia dọn đường"]


def test_a_quoted_phrase_matches_only_in_order(engine, make_story, search):
    make_story(title="Hũ gạo tình thương ở Bình An")
    make_story(title="Tình nghĩa của hũ gạo đầu tiên", lead="Thương người như thể thương thân.")
    engine.ready()

    assert hit_titles(search(q='"gao tinh thuong"')) == ["Hũ gạo tình thương ở Bình An"]
    assert len(hit_titles(search(q="gao tinh thuong"))) == 2


def test_a_long_word_tolerates_one_typo(engine, make_story, search):
    make_story(title="Trường học mới ở Hòn Chông")
    engine.ready()

    assert hit_titles(search(q="truong")) == ["Trường học mới ở Hòn Chông"]
    assert hit_titles(search(q="truonng")) == ["Trường học mới ở Hòn Chông"]


def test_a_short_word_with_a_typo_finds_nothing_but_gets_a_suggestion(engine, make_story, search):
    make_story(title="Kiên Lương ra quân làm sạch bờ biển")
    engine.ready()

    response = search(q="bienn luong")

    assert hit_titles(response) == ["Kiên Lương ra quân làm sạch bờ biển"]
    response = search(q="biwn")
    assert response.context["total"] == 0
    assert "Không tìm thấy kết quả nào" in response.content.decode()
    assert response.context["did_you_mean"] == "bien"
