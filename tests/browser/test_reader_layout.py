"""What a reader sees at desktop widths and does with a keyboard: every section in the menu,
the statistics table reachable and scrollable without a mouse."""

import pytest
from playwright.sync_api import expect

from exemplars.choices import AwardLevel, ExemplarKind
from tests.factories import ExemplarIndexPageFactory, SectionPageFactory, award
from tests.helpers import publish_exemplar

# The demo's sections, whose names are long enough to overflow one row at desktop widths.
SECTIONS = [
    "Học tập và làm theo Bác",
    "Xây dựng Đảng",
    "Thời sự",
    "Thuế",
    "Trang địa phương",
    "Gương người tốt việc tốt",
    "Cổ động trực quan",
    "Quốc phòng – an ninh",
    "Văn hóa – xã hội",
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 1440, 1600])
def test_every_section_shows_in_the_menu_at_desktop_widths(page, live_site, width):
    for title in SECTIONS:
        SectionPageFactory(parent=live_site, title=title, show_in_menus=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    links = page.locator(".site-nav a")
    expect(links).to_have_count(len(SECTIONS) + 1)
    # Each link is wholly inside the window and is what a click at its middle would hit.
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('.site-nav a')].filter(link => {
            const box = link.getBoundingClientRect();
            const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return box.left < 0 || box.right > window.innerWidth || !link.contains(hit);
        }).map(link => link.textContent)"""
    )
    assert hidden == []
    page.screenshot(path=f"/tmp/kienluong-menu-{width}.png")


@pytest.mark.django_db(transaction=True)
def test_statistics_table_scrolls_from_the_keyboard_on_a_phone(page, live_site):
    index = ExemplarIndexPageFactory(parent=live_site)
    for year in range(2010, 2019):
        publish_exemplar(index, [award(AwardLevel.PROVINCE, year)], kind=ExemplarKind.COLLECTIVE)
    page.goto(index.url + "thong-ke/")
    region = page.get_by_role("region", name="Số lượt khen thưởng theo năm, cấp và loại")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the table should scroll"
    for _press in range(60):
        page.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reaches the statistics table")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.stat-table-wrap').scrollLeft > 0", timeout=5_000
    )
