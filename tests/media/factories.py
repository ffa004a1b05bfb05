"""Factories for inventories."""

import factory
import wagtail_factories

from media.models import InventoryIndexPage, InventoryPage


class InventoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Cổ động trực quan"
    slug = "co-dong-truc-quan"

    class Meta:
        model = InventoryIndexPage


class InventoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Đợt cổ động số {n}")
    slug = factory.Sequence(lambda n: f"dot-co-dong-{n}")
    year = 2017
    responsible_unit = "Phòng Văn hóa và Thông tin huyện"

    class Meta:
        model = InventoryPage
