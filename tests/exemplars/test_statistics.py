"""The leadership reads how many commendations were given, by year, level and kind, as a
chart, a table and a CSV file."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exemplars import demo as exemplars_demo
from exemplars import statistics
from exemplars.choices import AwardLevel, AwardType, ExemplarKind
from exemplars.models import ExemplarPage
from tests.factories import award
from tests.helpers import main_column
from website import demo as website_demo


def csv_rows(client, index):
    response = client.get(index.url + "thong-ke.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-khen-thuong.csv"'
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def commended(make_exemplar):
    """A known set: 2 individuals, 1 collective and 1 model over two years and three levels."""
    make_exemplar(
        kind=ExemplarKind.INDIVIDUAL,
        awards=[award(AwardLevel.DISTRICT, 2017), award(AwardLevel.PROVINCE, 2018)],
    )
    make_exemplar(kind=ExemplarKind.INDIVIDUAL, awards=[award(AwardLevel.DISTRICT, 2017)])
    make_exemplar(
        kind=ExemplarKind.COLLECTIVE,
        awards=[
            award(AwardLevel.DISTRICT, 2017),
            award(AwardLevel.CENTRAL, 2018, AwardType.EMULATION_FLAG),
        ],
    )
    make_exemplar(kind=ExemplarKind.MODEL, awards=[award(AwardLevel.DISTRICT, 2018)])
    make_exemplar(kind=ExemplarKind.MODEL)  # never commended
    draft = make_exemplar(kind=ExemplarKind.INDIVIDUAL, awards=[award(AwardLevel.DISTRICT, 2017)])
    draft.unpublish()


@pytest.mark.django_db
def test_csv_has_one_row_per_non_zero_cell(client, exemplar_index, commended):
    assert csv_rows(client, exemplar_index) == [
        ["year", "level", "kind", "count"],
        ["2017", "huyen", "ca_nhan", "2"],
        ["2017", "huyen", "tap_the", "1"],
        ["2018", "huyen", "mo_hinh", "1"],
        ["2018", "tinh", "ca_nhan", "1"],
        ["2018", "trung_uong", "tap_the", "1"],
    ]


@pytest.mark.django_db
def test_counts_come_from_one_aggregate_query(exemplar_index, commended):
    commendations = exemplar_index.get_commendations()
    with CaptureQueriesContext(connection) as queries:
        rows = statistics.count_rows(commendations)
    assert len(queries) == 1
    assert sum(row[3] for row in rows) == 6


@pytest.mark.django_db
def test_statistics_page_shows_table_and_chart(client, exemplar_index, commended):
    response = client.get(exemplar_index.url + "thong-ke/")
    html = main_column(response)
    assert '<h1 class="page-title">Thống kê khen thưởng</h1>' in html
    assert '<th scope="col">Cá nhân</th><th scope="col">Tập thể</th>' in html
    # 2017, district: 2 individuals, 1 collective, no model, 3 in all.
    assert (
        "<tr><td>2017</td><td>Huyện</td><td>2</td><td>1</td><td>0</td><td><strong>3</strong>"
        in html
    )
    assert '<svg viewBox="0 0 360 ' in html and 'role="img"' in html
    # Each kind has its colour in the legend, and the segments wide enough show their count.
    assert 'style="background:#0b4f9c"></span>Tập thể</li>' in html
    assert "<title>Cá nhân: 2</title>" in html
    assert 'fill="#fff" font-weight="700">2</text>' in html
    assert "2017 · Huyện" in html and "2018 · Trung ương" in html
    assert 'href="/guong-nguoi-tot-viec-tot/thong-ke.csv"' in html
    assert "<script" not in html and 'src="http' not in html
    # On a phone the table scrolls sideways: its container takes keyboard focus and is named.
    assert (
        '<div class="stat-table-wrap" tabindex="0" role="region" '
        'aria-label="Số lượt khen thưởng theo năm, cấp và loại">' in html
    )


@pytest.mark.django_db
def test_empty_statistics_say_so(client, exemplar_index):
    html = main_column(client.get(exemplar_index.url + "thong-ke/"))
    assert "Chưa có khen thưởng nào được ghi nhận." in html
    assert csv_rows(client, exemplar_index) == [["year", "level", "kind", "count"]]


@pytest.mark.django_db
def test_csv_address_needs_a_list_of_exemplars(client, home, section):
    assert client.get(section.url + "thong-ke.csv").status_code == 404
    assert client.get("/khong-co/thong-ke.csv").status_code == 404


@pytest.mark.django_db
def test_demo_reproduces_the_2017_figures_and_stays_idempotent(client, home):
    out = io.StringIO()
    website_demo.load(out)
    exemplars_demo.load(out)
    pages = ExemplarPage.objects.count()
    exemplars_demo.load(out)
    assert ExemplarPage.objects.count() == pages
    index = exemplars_demo.exemplar_index(home)
    assert csv_rows(client, index) == [
        ["year", "level", "kind", "count"],
        ["2017", "huyen", "ca_nhan", "47"],
        ["2017", "huyen", "tap_the", "30"],
        # The seed's eleven grassroots models, praised in the district's review of 2017.
        ["2017", "huyen", "mo_hinh", "11"],
        ["2017", "tinh", "ca_nhan", "3"],
        ["2017", "tinh", "tap_the", "3"],
    ]
    html = main_column(client.get(index.url + "?kind=mo_hinh"))
    assert "Hũ gạo tình thương" in html and "Nụ cười công sở" in html
    assert "Tập thể mẫu 01 (dữ liệu mẫu)" in main_column(client.get(index.url + "?kind=tap_the"))
