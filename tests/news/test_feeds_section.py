"""One section's feed."""

import pytest

from tests.factories import SectionPageFactory
from tests.helpers import feed_titles


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_section_feed_holds_only_its_stories(read_feed, home, section, make_story, fmt):
    other = SectionPageFactory(parent=home, title="Thuế", slug="thue")
    mine = make_story(title="Học tập và làm theo Bác ở chi bộ")
    make_story(parent=other, title="Nộp thuế điện tử")
    feed = read_feed(f"/feeds/section/hoc-tap.{fmt}")
    assert feed_titles(feed) == [mine.title]
    assert feed.feed.title == "Ban Tuyên giáo Huyện ủy Kiên Lương – Học tập và làm theo Bác"
    assert feed.feed.link == "http://localhost/hoc-tap/"


@pytest.mark.django_db
def test_a_story_moved_to_another_section_follows_at_once(read_feed, home, section, make_story):
    other = SectionPageFactory(parent=home, title="Thuế", slug="thue")
    story = make_story(title="Chuyển chuyên mục")
    assert feed_titles(read_feed("/feeds/section/hoc-tap.rss")) == [story.title]
    story.move(other, pos="last-child")
    assert feed_titles(read_feed("/feeds/section/hoc-tap.rss")) == []
    assert feed_titles(read_feed("/feeds/section/thue.rss")) == [story.title]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feeds/section/khong-co.rss", "/feeds/khong-co.atom"])
def test_an_unknown_feed_is_a_vietnamese_404(client, section, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_an_unpublished_section_has_no_feed(client, section):
    section.unpublish()
    assert client.get("/feeds/section/hoc-tap.rss").status_code == 404
