"""An editor adds an item to an inventory in Wagtail's admin and the public totals follow."""

import datetime

import pytest
from playwright.sync_api import expect

from media.models import InventoryItem
from tests.factories import InventoryIndexPageFactory, InventoryPageFactory
from tests.helpers import publish


def kind_total(page, label):
    row = page.locator(".inventory-totals__kind tbody tr", has_text=label)
    return row.locator("td.number").inner_text() if row.count() else None


@pytest.mark.django_db(transaction=True)
def test_editor_adds_an_item_and_sees_the_totals_change(page, live_site, editor_login):
    index = InventoryIndexPageFactory(parent=live_site)
    publish(index)
    inventory = InventoryPageFactory(parent=index, title="Cổ động trực quan năm 2017", year=2017)
    inventory.items = [
        InventoryItem(
            kind=kind,
            quantity=quantity,
            location="Trục chính khu Đô thị Ba Hòn",
            installed_on=datetime.date(2017, 1, 15),
        )
        for kind, quantity in [("bang_ron", 37), ("co_dang", 480)]
    ]
    publish(inventory)

    page.goto(inventory.url)
    assert kind_total(page, "cờ Đảng") == "480"
    assert kind_total(page, "cờ Tổ quốc") is None

    page.goto(f"/admin/pages/{inventory.pk}/edit/")
    page.click("#id_items-ADD")
    page.select_option("#id_items-2-kind", "co_to_quoc")
    page.fill("#id_items-2-quantity", "60")
    picker = page.locator(".xdsoft_datetimepicker:visible")
    page.click("#id_items-2-installed_on")
    expect(picker).to_have_count(1)
    page.fill("#id_items-2-installed_on", "01/09/2017")
    # Moving on to the next field closes the date picker, as it does for an editor.
    page.click("#id_items-2-location")
    page.fill("#id_items-2-location", "Đường ven biển Hòn Nghệ")
    page.fill("#id_items-2-slogan", "Mừng Quốc khánh 2/9")
    expect(picker).to_have_count(0)
    page.click("footer .w-dropdown-button .w-dropdown__toggle")
    page.click("button[name=action-publish]")
    page.wait_for_url(f"**/admin/pages/{index.pk}/")

    page.goto(inventory.url)
    assert kind_total(page, "cờ Tổ quốc") == "60"
    assert page.locator(".inventory-totals__kind tfoot td").inner_text() == "577"
    assert "Đường ven biển Hòn Nghệ" in page.locator(".inventory-totals__location").inner_text()
