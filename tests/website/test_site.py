"""Site-wide pages: robots.txt, sitemap, error pages, office details, links, print view."""

import pytest
from django.template.loader import render_to_string
from wagtail.models import Site

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
    section.save_revision().publish()
    menu = client.get("/").content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert "Trang chủ" in menu and section.title in menu
