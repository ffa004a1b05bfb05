"""Site-wide pages: robots.txt, sitemap, error pages, office details, links, print view."""

import itertools
import re

import pytest
from django.template.loader import render_to_string
from wagtail.models import Site

from tests.helpers import publish
from website.models import OfficeSettings, WebsiteLink


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, home):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
def test_sitemap_lists_live_stories(client, make_story):
    story = make_story()
    xml = client.get("/sitemap.xml").content.decode()
    assert story.slug in xml


@pytest.mark.django_db
def test_unknown_address_gets_a_vietnamese_404(client, home):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert "Về trang chủ" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/khong-co-trang-nay/", "/wp-login.php", "/a/b.html"])
def test_unknown_address_gets_the_vietnamese_404_under_debug_too(client, home, settings, address):
    settings.DEBUG = True
    response = client.get(address, follow=True)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert "Using the URLconf" not in response.content.decode()


@pytest.mark.django_db
def test_developers_get_djangos_debug_404_when_they_ask(client, home, settings):
    settings.DEBUG = True
    settings.DEBUG_404 = True
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" not in response.content.decode()
    assert "DEBUG = True" in response.content.decode()


def test_server_error_page_is_vietnamese_and_self_contained():
    html = render_to_string("500.html")
    assert "Xin lỗi" in html and "<link" not in html


@pytest.mark.django_db
def test_office_details_come_from_site_settings(client, home):
    office = OfficeSettings.for_site(Site.objects.get(is_default_site=True))
    office.office_name = "Ban Tuyên giáo Đảng ủy xã Kiên Lương"
    office.level = "xa"
    office.phone = "0297 3853 000"
    office.address = "Khu phố Ba Hòn"
    office.save()
    html = client.get("/").content.decode()
    assert "Ban Tuyên giáo Đảng ủy xã Kiên Lương" in html
    assert "Xã Kiên Lương" in html
    assert "0297 3853 000" in html and "Khu phố Ba Hòn" in html


@pytest.mark.django_db
def test_link_list_is_editable_and_ordered(client, home):
    WebsiteLink.objects.create(title="Báo Kiên Giang", url="https://baokiengiang.vn/", sort_order=2)
    WebsiteLink.objects.create(title="Cổng tỉnh", url="https://kiengiang.gov.vn/", sort_order=1)
    html = client.get("/").content.decode()
    assert "Liên kết website" in html
    assert html.index("Cổng tỉnh") < html.index("Báo Kiên Giang")


@pytest.mark.django_db
def test_pages_are_light_and_print_ready(client, make_story):
    story = make_story()
    html = client.get(story.url).content.decode()
    assert 'media="print"' in html
    assert 'name="viewport"' in html
    # No fonts or scripts from other hosts.
    assert "fonts.googleapis" not in html
    assert '<script src="http' not in html


@pytest.mark.django_db
def test_readers_get_vietnamese_whatever_their_browser_language(client, make_story):
    story = make_story()
    html = client.get(story.url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Mới nhất" in html and "Latest" not in html
    assert '<html lang="vi">' in html


@pytest.mark.django_db
def test_sections_are_in_the_menu(client, home, section):
    section.show_in_menus = True
    publish(section)
    menu = client.get("/").content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert "Trang chủ" in menu and section.title in menu


@pytest.mark.django_db
def test_home_lead_image_loads_first_and_headings_step_down_one_level(client, make_story):
    from lxml import html as lxml_html
    from wagtail_factories import ImageFactory

    make_story(title="Tin cũ hơn", hero_image=ImageFactory())
    make_story(title="Tin chính", hero_image=ImageFactory())
    tree = lxml_html.fromstring(client.get("/").content)
    (lead_image,) = tree.xpath('//section[@class="lead-story"]//img')
    assert lead_image.get("loading") != "lazy" and lead_image.get("fetchpriority") == "high"
    other = tree.xpath('//section[@class="latest"]//img')
    assert other and all(img.get("loading") == "lazy" for img in other)
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


@pytest.mark.django_db
def test_breadcrumbs_lead_back_through_the_section_to_the_home_page(client, section, make_story):
    story = make_story(title="Tuổi trẻ làm theo lời Bác")

    def breadcrumbs(url):
        html = client.get(url).content.decode()
        trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
        return re.findall(r'<a href="([^"]+)">([^<]+)</a>', trail)

    assert breadcrumbs(section.url) == [("/", "Trang chủ")]
    assert breadcrumbs(story.url) == [("/", "Trang chủ"), (section.url, section.title)]
    assert client.get("/").content.decode().count('class="breadcrumbs"') == 0
