"""The provincial portal's feed: full body with absolute addresses, source, stable guid."""

import time

import pytest
import wagtail_factories
from lxml import html as lxml_html
from wagtail.rich_text import RichText

from tests.helpers import feed_titles, publish


@pytest.fixture
def contributed(make_story):
    """A story for the portal whose body links a page and a file and shows an image."""
    earlier = make_story(title="Bài trước")
    document = wagtail_factories.DocumentFactory(title="Kế hoạch 2018")
    image = wagtail_factories.ImageFactory(title="Pano tuyên truyền")
    hero = wagtail_factories.ImageFactory(title="Trục đường chính Ba Hòn")
    body = [
        (
            "paragraph",
            RichText(
                f'<p>Xem <a linktype="page" id="{earlier.pk}">bài trước</a> và '
                f'<a linktype="document" id="{document.pk}">kế hoạch</a>; '
                '<a href="/tim-kiem/?q=pano">tìm thêm</a>.</p>'
            ),
        ),
        ("image", {"image": image, "caption": "21 pano tuyên truyền", "credit": "Ngọc Hân"}),
        ("heading", {"text": "37 băng rôn, 480 cờ Đảng"}),
    ]
    return make_story(
        title="Trang trí khu đô thị Ba Hòn",
        lead="Dọc trục chính treo 37 băng rôn và 480 cờ Đảng.",
        byline="Minh Khoa",
        hero_image=hero,
        body=body,
        for_province=True,
    )


def addresses(fragment):
    tree = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return [
        value for element in tree.iter() for key, value in element.items() if key in ("href", "src")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_province_feed_holds_the_full_body_with_absolute_addresses(read_feed, contributed, fmt):
    feed = read_feed(f"/feeds/province.{fmt}")
    assert feed_titles(feed) == ["Trang trí khu đô thị Ba Hòn"]  # "Bài trước" is not for the portal
    entry = feed.entries[0]
    body = entry.content[0].value
    assert entry.content[0].type == "text/html"
    assert "37 băng rôn, 480 cờ Đảng" in body and "21 pano tuyên truyền" in body
    found = addresses(body)
    assert len(found) == 4  # page link, document link, search link, image
    assert all(address.startswith("http://localhost/") for address in found), found
    assert "http://localhost/hoc-tap/" in found[0]
    assert entry.summary == "Dọc trục chính treo 37 băng rôn và 480 cờ Đảng."
    # The full text opens with the lead (sapo), then the body.
    paragraphs = lxml_html.fragment_fromstring(body, create_parent="div").xpath(".//p")
    assert paragraphs[0].text_content() == "Dọc trục chính treo 37 băng rôn và 480 cờ Đảng."
    assert paragraphs[1].text_content().startswith("Xem bài trước")
    assert entry.author == "Minh Khoa"
    assert [tag.term for tag in entry.tags] == ["Học tập và làm theo Bác"]
    assert entry.source.title == "Huyện Kiên Lương"
    assert entry.source.get("href", entry.source.get("link")) == contributed.full_url
    (hero,) = entry.enclosures
    assert hero.href.startswith("http://localhost/uploads/images/")
    assert hero.type == "image/jpeg"
    assert int(hero.length) > 0


@pytest.mark.django_db
def test_rss_carries_content_encoded_and_dc_creator(client, contributed):
    xml = client.get("/feeds/province.rss").content.decode()
    assert "<content:encoded>" in xml
    assert "<dc:creator>Minh Khoa</dc:creator>" in xml


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_guid_stays_and_updated_date_moves_when_a_story_is_edited(read_feed, contributed, fmt):
    before = read_feed(f"/feeds/province.{fmt}").entries[0]
    time.sleep(1.1)  # feed dates are to the second in RSS
    contributed.title = "Trang trí khu đô thị Ba Hòn (cập nhật)"
    contributed.slug = "trang-tri-ba-hon"
    publish(contributed)
    after = read_feed(f"/feeds/province.{fmt}").entries[0]
    assert after.title == "Trang trí khu đô thị Ba Hòn (cập nhật)"
    assert after.id == before.id
    assert after.link != before.link
    if fmt == "atom":
        assert after.updated_parsed > before.updated_parsed
        assert after.published_parsed == before.published_parsed
    assert after.published == before.published


@pytest.mark.django_db
def test_a_story_taken_off_the_portal_leaves_its_feed(read_feed, contributed):
    contributed.for_province = False
    publish(contributed)
    assert feed_titles(read_feed("/feeds/province.atom")) == []
