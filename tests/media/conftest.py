import datetime

import pytest

from media.models import InventoryItem
from tests.factories import InventoryIndexPageFactory, InventoryPageFactory
from tests.helpers import publish

BA_HON = "Trục chính khu Đô thị Ba Hòn"
# The seed story's 2017 figures, as one campaign's items.
SEED_2017 = [
    {"kind": "bang_ron", "quantity": 37},
    {"kind": "co_dang", "quantity": 480},
    {"kind": "co_phuon", "quantity": 530},
    {"kind": "pano", "quantity": 21},
]


@pytest.fixture
def inventory_index(home):
    return publish(InventoryIndexPageFactory(parent=home))


@pytest.fixture
def make_inventory(inventory_index, communes):
    """Publish a campaign with `items` (dicts of InventoryItem fields; the commune by slug).
    By default an item hangs along the Ba Hòn axis in Kiên Lương from 15/01 of the year."""

    def make(items=(), parent=None, **fields):
        page = InventoryPageFactory(parent=parent or inventory_index, **fields)
        defaults = {
            "location": BA_HON,
            "commune": "kien-luong",
            "installed_on": datetime.date(page.year, 1, 15),
        }
        page.items = [
            InventoryItem(
                **(defaults | item | {"commune": communes.get((defaults | item)["commune"])})
            )
            for item in items
        ]
        return publish(page)

    return make


@pytest.fixture
def seed_2017(make_inventory):
    return make_inventory(title="Cổ động trực quan năm 2017", year=2017, items=SEED_2017)
