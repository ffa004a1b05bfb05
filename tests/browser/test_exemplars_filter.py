"""A reader on a phone narrows the list of exemplars to the individuals commended in 2017."""

import pytest
from playwright.sync_api import expect

from exemplars.choices import AwardLevel, ExemplarKind
from tests.factories import ExemplarIndexPageFactory, award
from tests.helpers import publish_exemplar


@pytest.mark.django_db(transaction=True)
def test_reader_filters_by_kind_and_year(page, live_site):
    index = ExemplarIndexPageFactory(parent=live_site)
    publish_exemplar(index, [award(year=2017)], title="Chị Mẫu 2017", kind=ExemplarKind.INDIVIDUAL)
    publish_exemplar(index, [award(year=2018)], title="Anh Mẫu 2018", kind=ExemplarKind.INDIVIDUAL)
    publish_exemplar(
        index,
        [award(AwardLevel.PROVINCE, 2017)],
        title="Tổ Mẫu 2017",
        kind=ExemplarKind.COLLECTIVE,
    )

    page.goto(index.url)
    names = page.locator(".exemplar-card__name")
    expect(names).to_have_count(3)

    page.get_by_label("Loại").select_option(label="Cá nhân")
    page.get_by_label("Năm khen thưởng").select_option(label="2017")
    page.get_by_role("button", name="Lọc").click()

    page.wait_for_url("**/?kind=ca_nhan*year=2017*")
    expect(names).to_have_text(["Chị Mẫu 2017"])
    expect(page.get_by_text("1 gương điển hình")).to_be_visible()
    # The choices stay selected, so the reader sees what the list is filtered by.
    expect(page.get_by_label("Loại")).to_have_value("ca_nhan")
    expect(page.get_by_label("Năm khen thưởng")).to_have_value("2017")

    page.get_by_role("link", name="Xem tất cả").click()
    expect(names).to_have_count(3)
