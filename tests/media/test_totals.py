"""An inventory page sums its items by kind and by location; the list sums each campaign."""

import pytest
from django.core.cache import cache

from media.models import InventoryItem
from tests.helpers import main_column


def table_rows(html, css_class):
    """The (label, number) rows of the totals table with `css_class`."""
    import re

    table = html[html.index(f'class="{css_class}"') :]
    table = table[: table.index("</table>")]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", body)
    return list(zip(cells[::2], [int(n) for n in cells[1::2]], strict=True))


@pytest.mark.django_db
def test_inventory_page_totals_by_kind_and_location(client, make_inventory):
    page = make_inventory(
        items=[
            {"kind": "co_dang", "quantity": 300},
            {"kind": "bang_ron", "quantity": 37},
            {"kind": "co_dang", "quantity": 180, "location": "Quốc lộ 80", "commune": "binh-an"},
        ]
    )
    html = main_column(client.get(page.url))
    assert table_rows(html, "inventory-totals__kind") == [("băng rôn", 37), ("cờ Đảng", 480)]
    assert table_rows(html, "inventory-totals__location") == [
        ("Trục chính khu Đô thị Ba Hòn", 337),
        ("Quốc lộ 80", 180),
    ]
    assert "Tổng cộng" in html and ">517<" in html


@pytest.mark.django_db
def test_totals_are_computed_in_the_database(make_inventory):
    page = make_inventory(items=[{"kind": "pano", "quantity": 5}, {"kind": "pano", "quantity": 7}])
    items = InventoryItem.objects.filter(page=page)
    assert [(kind.value, n) for kind, n in items.totals_by_kind()] == [("pano", 12)]
    assert [(str(commune), n) for commune, n in items.totals()["commune"]] == [
        ("Thị trấn Kiên Lương", 12)
    ]


@pytest.mark.django_db
def test_campaign_list_newest_first_with_totals(client, make_inventory, inventory_index):
    older = make_inventory(
        title="Mừng Xuân 2017", year=2017, items=[{"kind": "pano", "quantity": 21}]
    )
    newer = make_inventory(
        title="Kỷ niệm 70 năm Lời kêu gọi thi đua ái quốc",
        year=2018,
        items=[{"kind": "bang_ron", "quantity": 12}],
    )
    html = main_column(client.get(inventory_index.url))
    assert html.index(newer.title) < html.index(older.title)
    assert "21 mục" in html and "12 mục" in html


@pytest.mark.django_db
def test_campaign_list_filters_by_year_and_commune(client, make_inventory, inventory_index):
    ba_hon = make_inventory(title="Ba Hòn 2017", year=2017, items=[{"kind": "pano", "quantity": 1}])
    binh_an = make_inventory(
        title="Bình An 2018",
        year=2018,
        items=[{"kind": "pano", "quantity": 1, "commune": "binh-an"}],
    )
    by_year = main_column(client.get(inventory_index.url + "?nam=2017"))
    assert ba_hon.title in by_year and binh_an.title not in by_year
    by_commune = main_column(client.get(inventory_index.url + "?xa=binh-an"))
    assert binh_an.title in by_commune and ba_hon.title not in by_commune


@pytest.mark.django_db
def test_filters_follow_to_the_next_page(client, make_inventory, inventory_index, monkeypatch):
    monkeypatch.setattr(type(inventory_index), "per_page", 1)
    for n in range(2):
        make_inventory(
            title=f"Bình An {n}",
            year=2018,
            items=[{"kind": "pano", "quantity": 1, "commune": "binh-an"}],
        )
    make_inventory(title="Kiên Lương 2018", year=2018, items=[{"kind": "pano", "quantity": 1}])
    first = main_column(client.get(inventory_index.url + "?nam=2018&xa=binh-an"))
    assert "Trang 1 / 2" in first
    assert 'href="?nam=2018&amp;xa=binh-an&amp;page=2"' in first
    second = main_column(client.get(inventory_index.url + "?nam=2018&xa=binh-an&page=2"))
    assert "Bình An" in second and "Kiên Lương 2018" not in second
    # The reader sees what the list is filtered by.
    assert '<option value="2018" selected>2018</option>' in second
    assert '<option value="binh-an" selected>' in second


@pytest.mark.django_db
def test_page_links_count_the_inventories_each_filter_leaves(
    client, make_inventory, inventory_index, monkeypatch
):
    monkeypatch.setattr(type(inventory_index), "per_page", 1)
    for n in range(3):
        make_inventory(title=f"Đợt {n}", year=2018, items=[{"kind": "pano", "quantity": 1}])
    make_inventory(
        title="Bình An 2017",
        year=2017,
        items=[{"kind": "pano", "quantity": 1, "commune": "binh-an"}],
    )
    assert "Trang 1 / 4" in main_column(client.get(inventory_index.url))
    assert "Trang 1 / 3" in main_column(client.get(inventory_index.url + "?nam=2018"))
    assert client.get(inventory_index.url + "?nam=2018&page=4").status_code == 404
    only = main_column(client.get(inventory_index.url + "?nam=2017"))
    assert "Bình An 2017" in only and "Trang 1 /" not in only
    assert client.get(inventory_index.url + "?nam=2017&page=2").status_code == 404
    assert "Trang 1 /" not in main_column(client.get(inventory_index.url + "?xa=binh-an"))
    assert client.get(inventory_index.url + "?nam=2018&xa=binh-an").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?nam=abc", "?nam=99999999999999999999", "?xa=%00", "?xa=khong-co", "?page=x"]
)
def test_nonsense_filters_show_everything(client, make_inventory, inventory_index, query):
    page = make_inventory(items=[{"kind": "pano", "quantity": 1}])
    response = client.get(inventory_index.url + query)
    assert response.status_code == 200
    assert page.title in main_column(response)


@pytest.mark.django_db
def test_campaign_list_queries_do_not_grow_with_campaigns(
    client, make_inventory, inventory_index, django_assert_max_num_queries
):
    for n in range(3):
        make_inventory(title=f"Đợt {n}", items=[{"kind": "pano", "quantity": 1}])
    cache.clear()  # fragments shared by every page are not what this counts
    with django_assert_max_num_queries(40) as few:
        client.get(inventory_index.url)
    for n in range(3, 15):
        make_inventory(title=f"Đợt {n}", items=[{"kind": "pano", "quantity": 1}])
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(inventory_index.url)
