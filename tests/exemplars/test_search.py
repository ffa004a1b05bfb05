"""Readers find exemplar profiles in the site search, typed with or without diacritics."""

import pytest

from exemplars.choices import AwardLevel, AwardType
from tests.helpers import facet, hit_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles(engine, make_exemplar, communes, make_story):
    make_exemplar(
        title="Hũ gạo tình thương",
        kind="mo_hinh",
        summary="Hội viên Hội Phụ nữ góp gạo giúp gia đình khó khăn.",
        commune=communes["kien-luong"],
        awards=[
            {
                "award_type": AwardType.CERTIFICATE,
                "level": AwardLevel.DISTRICT,
                "year": 2017,
                "issuer": "UBND huyện Kiên Lương",
                "reason": "Làm theo Bác",
            },
        ],
    )
    make_exemplar(
        title="Nguyễn Văn Đức",
        summary="Cựu chiến binh canh phòng ban đêm.",
        commune=communes["binh-an"],
    )
    make_story(title="Hũ gạo tình thương lan tỏa ở Ba Hòn")
    engine.ready()


def test_exemplars_are_found_without_diacritics(profiles, search):
    response = search(q="hu gao tinh thuong")
    assert "Hũ gạo tình thương" in hit_titles(response)
    assert facet(response, "type") == {"Gương điển hình": 1, "Tin bài": 1}
    assert facet(response, "commune") == {"Kiên Lương": 1}
    assert facet(response, "year") == {2017: 1, **facet(response, "year")}


def test_exemplars_narrow_by_type_and_commune(profiles, search):
    assert hit_titles(search(q="canh phong", type="exemplar")) == ["Nguyễn Văn Đức"]
    assert hit_titles(search(q="duc", commune="Bình An")) == ["Nguyễn Văn Đức"]
