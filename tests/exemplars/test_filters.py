"""Readers narrow the list by kind, commune, field, level and year; any combination works and
a value that makes no sense never breaks the page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from exemplars.choices import AwardLevel, ExemplarKind
from tests.factories import award
from tests.helpers import main_column


def listed(client, index, query=""):
    """The names in the list for `?query`, in order."""
    response = client.get(index.url + query)
    assert response.status_code == 200
    html = main_column(response)
    shown = [name for name in NAMES if f">{name}</a></h2>" in html]
    return sorted(shown, key=lambda name: html.index(f">{name}</a></h2>")), html


NAMES = ["Cá nhân Bình An", "Tập thể Kiên Lương", "Hũ gạo tình thương", "Cá nhân cấp tỉnh"]


@pytest.fixture
def exemplars(make_exemplar, communes):
    binh_an, kien_luong = communes["binh-an"], communes["kien-luong"]
    return [
        make_exemplar(
            title=NAMES[0],
            kind=ExemplarKind.INDIVIDUAL,
            commune=binh_an,
            field="Kinh tế",
            awards=[award(AwardLevel.DISTRICT, 2017)],
        ),
        make_exemplar(
            title=NAMES[1],
            kind=ExemplarKind.COLLECTIVE,
            commune=kien_luong,
            field="Kinh tế",
            awards=[award(AwardLevel.DISTRICT, 2017), award(AwardLevel.PROVINCE, 2018)],
        ),
        make_exemplar(
            title=NAMES[2], kind=ExemplarKind.MODEL, commune=kien_luong, field="Văn hóa – xã hội"
        ),
        make_exemplar(
            title=NAMES[3],
            kind=ExemplarKind.INDIVIDUAL,
            commune=kien_luong,
            awards=[award(AwardLevel.PROVINCE, 2017)],
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,expected",
    [
        ("", NAMES),
        ("?kind=ca_nhan", [NAMES[0], NAMES[3]]),
        ("?commune=kien-luong", NAMES[1:]),
        ("?field=Kinh+t%E1%BA%BF", NAMES[:2]),
        ("?level=tinh", [NAMES[1], NAMES[3]]),
        ("?year=2018", [NAMES[1]]),
        ("?kind=ca_nhan&commune=kien-luong", [NAMES[3]]),
        # Level and year hold for the same commendation: the collective's province award is
        # from 2018, so it is not a province commendation of 2017.
        ("?level=tinh&year=2017", [NAMES[3]]),
        (
            "?kind=tap_the&level=huyen&year=2017&commune=kien-luong&field=Kinh+t%E1%BA%BF",
            [NAMES[1]],
        ),
    ],
)
def test_filters_combine(client, exemplar_index, exemplars, query, expected):
    names, _html = listed(client, exemplar_index, query)
    assert sorted(names) == sorted(expected)


@pytest.mark.django_db
def test_latest_commendations_come_first(client, exemplar_index, exemplars):
    names, html = listed(client, exemplar_index)
    assert names[0] == NAMES[1]  # commended in 2018
    assert names[-1] == NAMES[2]  # never commended
    assert "2 lần khen thưởng, gần nhất năm 2018" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,value,label",
    [
        ("?kind=xyz", "xyz", "Loại"),
        ("?year=abc", "abc", "Năm khen thưởng"),
        ("?year=1890", "1890", "Năm khen thưởng"),
        ("?level=quoc-te", "quoc-te", "Cấp khen thưởng"),
        ("?commune=phu-quoc", "phu-quoc", "Xã, thị trấn"),
        ("?field=%3Cscript%3E", "&lt;script&gt;", "Lĩnh vực"),
    ],
)
def test_nonsense_values_are_left_out_with_a_message(
    client, exemplar_index, exemplars, query, value, label
):
    names, html = listed(client, exemplar_index, query + "&page=abc")
    assert sorted(names) == sorted(NAMES)
    assert f"“{value}” không phải là giá trị hợp lệ của “{label}”" in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_no_match_says_so(client, exemplar_index, exemplars):
    names, html = listed(client, exemplar_index, "?kind=mo_hinh&level=tinh")
    assert names == []
    assert "Không có gương điển hình nào phù hợp với bộ lọc." in html


@pytest.mark.django_db
def test_twenty_a_page_and_the_filters_follow_to_the_next_page(
    client, exemplar_index, make_exemplar
):
    for number in range(23):
        make_exemplar(title=f"Cá nhân {number:02d}", awards=[award(year=2000 + number)])
    make_exemplar(title="Tổ sản xuất mẫu", kind=ExemplarKind.COLLECTIVE)
    first = main_column(client.get(exemplar_index.url + "?kind=ca_nhan"))
    assert "23 gương điển hình" in first
    assert "Cá nhân 22" in first and "Cá nhân 02" not in first
    assert 'href="?kind=ca_nhan&amp;page=2"' in first
    second = main_column(client.get(exemplar_index.url + "?kind=ca_nhan&page=2"))
    assert "Cá nhân 02" in second and "Tổ sản xuất mẫu" not in second
    assert client.get(exemplar_index.url + "?kind=ca_nhan&page=9").status_code == 404


@pytest.mark.django_db
def test_the_list_counts_each_exemplar_once_however_often_commended(
    client, exemplar_index, make_exemplar
):
    make_exemplar(title="Hũ gạo tình thương", awards=[award(year=2016), award(year=2017)])
    make_exemplar(title="Chi hội phụ nữ ấp Ba Núi", awards=[award(year=2017)])
    make_exemplar(title="Tổ tự quản mới", kind=ExemplarKind.COLLECTIVE)
    assert "3 gương điển hình" in main_column(client.get(exemplar_index.url))
    assert "2 gương điển hình" in main_column(client.get(exemplar_index.url + "?year=2017"))
    assert "3 gương điển hình" in main_column(client.get(exemplar_index.url + "?year=abc"))


@pytest.mark.django_db
def test_the_list_does_not_query_per_exemplar(client, exemplar_index, make_exemplar, communes):
    Image = get_image_model()

    def add(count):
        for _number in range(count):
            photo = Image.objects.create(title="Ảnh", file=get_test_image_file())
            make_exemplar(commune=communes["binh-an"], photo=photo, awards=[award(), award()])
        # Renditions (and the office's settings) are made on the first view; the list is
        # then read afresh, as after a publication.
        client.get(exemplar_index.url)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(exemplar_index.url)
        return len(queries)

    assert add(2) == add(6)
