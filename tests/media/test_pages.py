"""Inventories sit where they belong in the page tree, render, and refuse bad items."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from media.models import InventoryIndexPage, InventoryItem, InventoryPage
from tests.factories import InventoryIndexPageFactory, InventoryPageFactory, build_home
from tests.helpers import main_column, publish, queries_for
from website.models import HomePage


class PageTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = build_home()
        self.index = InventoryIndexPageFactory(parent=self.home)
        # force_login: django-axes refuses a password check without a request (Client.login).
        self.client.force_login(self.create_test_user())

    def test_inventories_live_under_their_index_under_home(self):
        self.assertCanCreateAt(HomePage, InventoryIndexPage)
        self.assertCanCreateAt(InventoryIndexPage, InventoryPage)
        self.assertCanNotCreateAt(HomePage, InventoryPage)
        self.assertCanNotCreateAt(InventoryPage, InventoryPage)

    def test_every_page_type_and_route_renders(self):
        inventory = InventoryPageFactory(parent=self.index, year=2017)
        inventory.items = [
            InventoryItem(
                kind="pano", quantity=21, location="Ba Hòn", installed_on=datetime.date(2017, 2, 1)
            )
        ]
        publish(inventory)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.index, route_path="/bao-cao/2017/")
        self.assertPageIsRenderable(self.index, route_path="/dang-treo/")
        self.assertPageIsRenderable(inventory)
        self.assertPageIsPreviewable(inventory, post_data=self.item_data(quantity="40"))

    def item_data(self, **overrides):
        item = {
            "kind": "bang_ron",
            "quantity": "37",
            "location": "Trục chính khu Đô thị Ba Hòn",
            "commune": "",
            "installed_on": "2017-03-01",
            "removed_on": "",
            "slogan": "",
            "status": "dang_treo",
            "photo": "",
            "latitude": "",
            "longitude": "",
        }
        return nested_form_data(
            {
                "title": "Mừng Đảng mừng Xuân",
                "slug": "mung-dang-mung-xuan",
                "year": "2017",
                "occasion": "",
                "start_date": "",
                "end_date": "",
                "responsible_unit": "",
                "body": streamfield([]),
                "items": inline_formset([item | overrides]),
            }
        )

    def test_editor_creates_an_inventory_with_an_item(self):
        self.assertCanCreate(self.index, InventoryPage, self.item_data())
        page = InventoryPage.objects.get(slug="mung-dang-mung-xuan")
        assert page.get_latest_revision_as_object().items.all()[0].quantity == 37

    def test_removed_before_installed_is_a_vietnamese_form_error(self):
        response = self.client.post(
            f"/admin/pages/add/media/inventorypage/{self.index.pk}/",
            self.item_data(removed_on="2017-02-01"),
        )
        assert response.status_code == 200
        assert "Ngày tháo không được trước ngày treo." in response.content.decode()
        assert not InventoryPage.objects.filter(slug="mung-dang-mung-xuan").exists()

    def test_quantity_outside_range_is_refused(self):
        for quantity in ("0", "100001"):
            response = self.client.post(
                f"/admin/pages/add/media/inventorypage/{self.index.pk}/",
                self.item_data(quantity=quantity),
            )
            assert response.status_code == 200
            assert not InventoryPage.objects.filter(slug="mung-dang-mung-xuan").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"latitude": 91, "longitude": 104},
        {"latitude": 10, "longitude": -181},
        {"latitude": 10},
    ],
)
def test_coordinates_are_validated(fields):
    item = InventoryItem(
        kind="pano", quantity=1, location="Ba Hòn", installed_on=datetime.date(2017, 1, 1), **fields
    )
    with pytest.raises(ValidationError):
        item.full_clean(exclude=["page"])


@pytest.mark.django_db
def test_summary_is_plain_text_for_search(seed_2017):
    assert seed_2017.summary == (
        "Cổ động trực quan năm 2017 — 2017 — Phòng Văn hóa và Thông tin huyện — "
        "37 băng rôn, 480 cờ Đảng, 530 cờ phướn, 21 pano"
    )
    indexed = {field.field_name for field in InventoryPage.search_fields}
    assert {"title", "occasion", "body", "items", "year"} <= indexed


@pytest.mark.django_db
def test_inventory_page_offers_csv_and_report(client, seed_2017, inventory_index):
    html = client.get(seed_2017.url).content.decode()
    assert f'href="{seed_2017.url}items.csv"' in html
    assert f'href="{inventory_index.url}bao-cao/2017/"' in html
    response = client.get(seed_2017.url + "items.csv")
    assert response["Content-Disposition"] == f'attachment; filename="{seed_2017.slug}.csv"'
    exported = response.content.decode("utf-8-sig")
    lines = exported.splitlines()
    assert lines[0] == (
        "id,campaign,year,kind,quantity,location,commune,installed_on,removed_on,slogan,status,lat,lon"
    )
    assert len(lines) == 5 and ",co_phuon,530,Trục chính khu Đô thị Ba Hòn,Kiên Lương," in exported


@pytest.mark.django_db
def test_warm_inventory_pages_send_no_query_and_a_new_campaign_counts_at_once(
    client, inventory_index, seed_2017, make_inventory
):
    report = f"{inventory_index.url}bao-cao/2017/"
    for url in (inventory_index.url, f"{inventory_index.url}?nam=2017", report, seed_2017.url):
        assert queries_for(client, url) == 0, url
    assert "37 băng rôn" in main_column(client.get(report))

    make_inventory(
        title="Mừng Đảng, mừng Xuân", year=2017, items=[{"kind": "bang_ron", "quantity": 5}]
    )
    assert "42 băng rôn" in main_column(client.get(report))
    assert "Mừng Đảng, mừng Xuân" in main_column(client.get(f"{inventory_index.url}?nam=2017"))
