"""Readers narrow the library by number, kind, issuer, level and year; any combination works
and a value that makes no sense never breaks the page."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import main_column

pytestmark = pytest.mark.django_db

TITLES = ["Chỉ thị 05", "Quy định 101", "Kế hoạch 49", "Kế hoạch 74"]


@pytest.fixture
def library(make_document):
    make_document(
        "05-CT/TW",
        title=TITLES[0],
        issuer="Bộ Chính trị",
        level="trung_uong",
        date_issued=datetime.date(2016, 5, 15),
    )
    make_document(
        "101-QĐ/TW",
        kind="quy_dinh",
        title=TITLES[1],
        issuer="Ban Bí thư",
        level="trung_uong",
        date_issued=datetime.date(2012, 6, 7),
    )
    make_document(
        "49-KH/TU",
        kind="ke_hoach",
        title=TITLES[2],
        issuer="Ban Thường vụ Tỉnh ủy",
        level="tinh_uy",
        date_issued=datetime.date(2016, 9, 20),
    )
    make_document(
        "74-KH/HU",
        kind="ke_hoach",
        title=TITLES[3],
        issuer="Ban Thường vụ Huyện ủy",
        level="huyen_uy",
        date_issued=datetime.date(2017, 11, 2),
    )


def listed(client, index, query=""):
    response = client.get(index.url + query)
    assert response.status_code == 200
    html = main_column(response)
    shown = [title for title in TITLES if f">{title}</a></h2>" in html]
    return sorted(shown, key=lambda title: html.index(f">{title}</a></h2>")), html


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", [TITLES[3], TITLES[2], TITLES[0], TITLES[1]]),
        ("?kind=ke_hoach", [TITLES[3], TITLES[2]]),
        ("?level=trung_uong", [TITLES[0], TITLES[1]]),
        ("?issuer=Ban+B%C3%AD+th%C6%B0", [TITLES[1]]),
        ("?year=2016", [TITLES[2], TITLES[0]]),
        ("?kind=ke_hoach&year=2016", [TITLES[2]]),
        ("?kind=ke_hoach&level=huyen_uy&year=2017", [TITLES[3]]),
        ("?kind=chi_thi&year=2017", []),
        # The number in any spelling readers type.
        ("?number=05%2FCT-TW", [TITLES[0]]),
        ("?number=05-CT%2FTW", [TITLES[0]]),
        ("?number=chi+thi+05", [TITLES[0]]),
        ("?number=CT05", [TITLES[0]]),
        ("?number=Quy+%C4%91%E1%BB%8Bnh+s%E1%BB%91+101-Q%C4%90%2FTW", [TITLES[1]]),
        ("?number=kh+74", [TITLES[3]]),
        ("?number=74-KH%2FTU", []),
    ],
)
def test_filters_combine(client, document_index, library, query, expected):
    titles, _html = listed(client, document_index, query)
    assert titles == expected


def test_choices_offer_what_the_library_holds(client, document_index, library):
    form = client.get(document_index.url).context["filter_form"]
    assert [label for _value, label in form.fields["kind"].choices] == [
        "Tất cả",
        "Chỉ thị",
        "Quy định",
        "Kế hoạch",
    ]
    assert [value for value, _label in form.fields["year"].choices] == [
        "",
        "2017",
        "2016",
        "2012",
    ]
    assert ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy") in form.fields["issuer"].choices


@pytest.mark.parametrize(
    "query,value,label",
    [
        ("?kind=xyz", "xyz", "Loại"),
        ("?level=quoc-te", "quoc-te", "Cấp"),
        ("?year=abc", "abc", "Năm ban hành"),
        ("?year=1999", "1999", "Năm ban hành"),
        ("?issuer=Qu%E1%BB%91c+h%E1%BB%99i", "Quốc hội", "Cơ quan ban hành"),
        ("?number=0297+3853+000", "0297 3853 000", "Số, ký hiệu"),
        ("?number=%3Cscript%3E", "&lt;script&gt;", "Số, ký hiệu"),
    ],
)
def test_nonsense_values_are_left_out_with_a_message(
    client, document_index, library, query, value, label
):
    titles, html = listed(client, document_index, query + "&page=abc")
    assert len(titles) == 4
    assert f"“{value}” không phải là giá trị hợp lệ của “{label}”" in html
    assert "<script>" not in html


def test_no_match_says_so(client, document_index, library):
    _titles, html = listed(client, document_index, "?kind=chi_thi&year=2012")
    assert "Không có văn bản nào phù hợp với bộ lọc." in html


def test_thirty_a_page_and_the_filters_follow_to_the_next_page(
    client, document_index, make_document
):
    for number in range(1, 33):
        make_document(
            f"{number}-KH/HU",
            kind="ke_hoach",
            title=f"Kế hoạch số {number:02d}",
            date_issued=datetime.date(2017, 1, number % 28 + 1),
        )
    make_document("9-CT/HU", title="Chỉ thị số 09")
    first = main_column(client.get(document_index.url + "?kind=ke_hoach"))
    assert "32 văn bản" in first
    assert 'href="?kind=ke_hoach&amp;page=2"' in first
    assert "Chỉ thị số 09" not in first
    second = main_column(client.get(document_index.url + "?kind=ke_hoach&page=2"))
    assert second.count('class="document-card"') == 2
    assert client.get(document_index.url + "?kind=ke_hoach&page=3").status_code == 404


def test_the_list_does_not_query_per_document(client, document_index, make_document):
    def add(count, start):
        for number in range(start, start + count):
            make_document(f"{number}-KH/HU", kind="ke_hoach", issuer=f"Ban số {number}")
        # The office's settings are made on the first view; the page is then read afresh.
        client.get(document_index.url)
        cache.clear()  # read afresh, as after a publication
        with CaptureQueriesContext(connection) as queries:
            response = client.get(document_index.url + "?kind=ke_hoach&year=")
        assert response.status_code == 200
        return len(queries)

    assert add(2, 1) == add(8, 10)
