"""Readers find campaign inventories in the site search, by slogan, place or campaign."""

import pytest

from tests.helpers import facet, hit_titles, main_column

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaigns(engine, make_inventory):
    make_inventory(
        title="Cổ động trực quan năm 2017",
        year=2017,
        occasion="Học tập và làm theo Bác",
        responsible_unit="Phòng Văn hóa và Thông tin",
        items=[
            {"kind": "co_dang", "quantity": 480, "slogan": "Đảng Cộng sản Việt Nam quang vinh"},
            {"kind": "pano", "quantity": 21},
        ],
    )
    make_inventory(
        title="Đón Tết ở Hòn Nghệ",
        year=2018,
        items=[{"kind": "co_phuon", "quantity": 40, "commune": "hon-nghe"}],
    )
    engine.ready()


def test_inventories_are_found_by_slogan_without_diacritics(campaigns, search):
    response = search(q="dang cong san viet nam quang vinh")
    assert hit_titles(response) == ["Cổ động trực quan năm 2017"]
    assert facet(response, "type") == {"Kiểm kê cổ động trực quan": 1}
    assert facet(response, "year") == {2017: 1}
    assert facet(response, "commune") == {"Kiên Lương": 1}


def test_inventories_narrow_by_commune(campaigns, search):
    assert hit_titles(search(q="tet", commune="Hòn Nghệ")) == ["Đón Tết ở Hòn Nghệ"]


def test_an_inventorys_snippet_reads_as_a_sentence(campaigns, search):
    html = main_column(search(q="hoc tap"))
    assert (
        "Văn hóa và Thông tin treo 480 cờ Đảng, 21 pano nhân dịp "
        "“<mark>Học tập</mark> và làm theo Bác”." in html
    )
    html = main_column(search(q="quang vinh"))
    assert (
        "khu Đô thị Ba Hòn, với nội dung “Đảng Cộng sản Việt Nam <mark>quang vinh</mark>”." in html
    )
