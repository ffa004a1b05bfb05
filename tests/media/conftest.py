import datetime

import pytest

from media.models import InventoryItem
from tests.media.factories import InventoryIndexPageFactory, InventoryPageFactory
from website.models import Commune, CommuneKind

BA_HON = "Trục chính khu Đô thị Ba Hòn"
# The seed story's 2017 figures, as one campaign's items.
SEED_2017 = [
    {"kind": "bang_ron", "quantity": 37},
    {"kind": "co_dang", "quantity": 480},
    {"kind": "co_phuon", "quantity": 530},
    {"kind": "pano", "quantity": 21},
]


@pytest.fixture
def communes(db):
    return {
        slug: Commune.objects.create(name=name, kind=kind, slug=slug, sort_order=order)
        for order, (name, kind, slug) in enumerate(
            [
                ("Kiên Lương", CommuneKind.TOWNSHIP, "kien-luong"),
                ("Bình An", CommuneKind.COMMUNE, "binh-an"),
                ("Hòn Nghệ", CommuneKind.COMMUNE, "hon-nghe"),
            ]
        )
    }


@pytest.fixture
def inventory_index(home):
    index = InventoryIndexPageFactory(parent=home)
    index.save_revision().publish()
    return index


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
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def seed_2017(make_inventory):
    return make_inventory(title="Cổ động trực quan năm 2017", year=2017, items=SEED_2017)
