"""The yearly report, its CSV and “what is up on a day”, below the inventories' list."""

import datetime

import pytest

from tests.helpers import main_column

SENTENCE_2017 = (
    "Trong năm 2017 treo 37 băng rôn, 480 cờ Đảng, 530 cờ phướn, 21 pano "
    "theo trục chính khu Đô thị Ba Hòn."
)


@pytest.fixture
def other_years(make_inventory):
    """A 2018 campaign, and a 2017 draft that no report may count."""
    make_inventory(
        title="Thi đua ái quốc 2018", year=2018, items=[{"kind": "bang_ron", "quantity": 12}]
    )
    draft = make_inventory(title="Bản nháp", year=2017, items=[{"kind": "pano", "quantity": 999}])
    draft.unpublish()


@pytest.mark.django_db
def test_report_reads_like_the_office_report(client, inventory_index, seed_2017, other_years):
    response = client.get(inventory_index.url + "bao-cao/2017/")
    html = main_column(response)
    assert SENTENCE_2017 in html
    assert "Báo cáo cổ động trực quan năm 2017" in html
    assert "Thị trấn Kiên Lương" in html  # by commune
    assert ">999<" not in html and 'băng rôn</td><td class="number">37<' in html


@pytest.mark.django_db
def test_report_csv_exact(client, inventory_index, seed_2017, other_years):
    response = client.get(inventory_index.url + "bao-cao/2017.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-2017.csv"'
    assert response.content.decode() == (
        "kind,quantity\r\nbang_ron,37\r\nco_dang,480\r\nco_phuon,530\r\npano,21\r\n"
    )


@pytest.mark.django_db
def test_report_links_its_csv_chart_print_and_currently_up(client, inventory_index, seed_2017):
    response = client.get(inventory_index.url + "bao-cao/2017/")
    html = response.content.decode()
    assert 'href="/co-dong-truc-quan/bao-cao/2017.csv"' in html
    assert 'href="/co-dong-truc-quan/dang-treo/?ngay=2017-12-31"' in html
    assert "<svg" in html and 'role="img"' in html
    # The chart names itself and writes each kind's label and quantity.
    assert '<figcaption id="bar-chart-title">Số lượng treo trong năm 2017, theo loại' in html
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert 'aria-labelledby="bar-chart-title"' in chart
    assert ">cờ phướn</text>" in chart and ">530</text>" in chart
    assert 'media="print"' in html and "media/css/report-print.css" in html
    # Nothing is fetched from another host.
    assert 'src="http' not in html and 'href="http://cdn' not in html


@pytest.mark.django_db
def test_several_routes_are_named_in_the_sentence(client, inventory_index, make_inventory):
    make_inventory(
        year=2018,
        items=[
            {"kind": "bang_ron", "quantity": 10},
            {"kind": "bang_ron", "quantity": 2, "location": "Quốc lộ 80"},
        ],
    )
    html = main_column(client.get(inventory_index.url + "bao-cao/2018/"))
    assert (
        "Trong năm 2018 treo 12 băng rôn theo trục chính khu Đô thị Ba Hòn và quốc lộ 80." in html
    )


@pytest.mark.django_db
def test_currently_up_counts_by_dates(client, inventory_index, make_inventory):
    make_inventory(
        year=2017,
        items=[
            {"kind": "co_dang", "quantity": 480, "installed_on": datetime.date(2017, 1, 15)},
            {
                "kind": "bang_ron",
                "quantity": 37,
                "installed_on": datetime.date(2017, 8, 20),
                "removed_on": datetime.date(2017, 9, 5),
            },
            {"kind": "pano", "quantity": 21, "installed_on": datetime.date(2017, 10, 1)},
            {"kind": "co_phuon", "quantity": 530, "status": "da_thao"},
        ],
    )
    html = main_column(client.get(inventory_index.url + "dang-treo/?ngay=2017-09-01"))
    assert "Đang treo ngày 01/09/2017" in html
    assert 'cờ Đảng</td><td class="number">480' in html
    assert 'băng rôn</td><td class="number">37' in html
    assert "pano</td>" not in html and "cờ phướn</td>" not in html
    later = main_column(client.get(inventory_index.url + "dang-treo/?ngay=2017-09-05"))
    assert "băng rôn</td>" not in later


@pytest.mark.django_db
def test_currently_up_with_an_unreadable_date_says_so(client, inventory_index, seed_2017):
    response = client.get(inventory_index.url + "dang-treo/?ngay=31-02-2017")
    assert response.status_code == 200
    assert "Không đọc được ngày này" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "bao-cao/2016/",
        "bao-cao/2016.csv",
        "bao-cao/0000/",
        "bao-cao/9999/",
        "bao-cao/99999/",
        "bao-cao/abcd/",
        "bao-cao/20x7.csv",
        "bao-cao/-2017/",
        "bao-cao/",
    ],
)
def test_unknown_or_malformed_years_are_vietnamese_404s(client, inventory_index, seed_2017, path):
    response = client.get(inventory_index.url + path)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_a_year_of_drafts_only_is_unknown(client, inventory_index, make_inventory):
    make_inventory(year=2019, items=[{"kind": "pano", "quantity": 1}]).unpublish()
    assert client.get(inventory_index.url + "bao-cao/2019/").status_code == 404
