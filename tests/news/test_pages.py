"""Readers reach the home page, sections and stories; editors create them where they belong."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from news.models import ArticlePage, SectionPage
from tests.factories import ArticlePageFactory, SectionPageFactory, build_home
from tests.helpers import main_column, publish
from website.models import HomePage


class PageTreeTests(WagtailPageTestCase):
    def test_sections_live_under_home_and_stories_under_sections(self):
        self.assertCanCreateAt(HomePage, SectionPage)
        self.assertCanCreateAt(SectionPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)

    def test_every_page_type_renders(self):
        home = build_home()
        section = SectionPageFactory(parent=home)
        story = ArticlePageFactory(parent=section)
        for page in (home, section, story):
            self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_story_page_shows_what_a_reader_expects(client, make_story, section):
    story = make_story(title="Hũ gạo tình thương", byline="Kim Thư", tags=["mô hình"])
    other = make_story(title="Nuôi heo đất")
    html = client.get(story.url).content.decode()
    assert '<h1 class="story-title">Hũ gạo tình thương</h1>' in html
    assert "Kim Thư" in html
    assert section.title in html  # breadcrumbs
    assert other.title in html  # other stories of the section
    assert 'property="og:title"' in html
    assert "Phản hồi" in html


@pytest.mark.django_db
def test_publication_date_in_vietnamese(client, make_story):
    import datetime
    from zoneinfo import ZoneInfo

    when = datetime.datetime(2018, 1, 15, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    story = make_story(published_at=when)
    html = client.get(story.url).content.decode()
    assert "Thứ 2, 15/01/2018 - 08:30" in html


@pytest.mark.django_db
def test_story_without_date_takes_its_first_publication(make_story):
    story = make_story(published_at=None)
    assert story.published_at == story.first_published_at


@pytest.mark.django_db
def test_section_lists_newest_first_twenty_a_page(client, make_story, section):
    stories = [make_story(title=f"Tin {n:02d}") for n in range(25)]
    first = main_column(client.get(section.url))
    assert first.index(stories[-1].title) < first.index(stories[-2].title)
    assert stories[4].title not in first
    second = main_column(client.get(section.url + "?page=2"))
    assert stories[4].title in second and stories[-1].title not in second


@pytest.mark.django_db
@pytest.mark.parametrize("value,status", [("abc", 200), ("0", 200), ("-3", 200), ("99", 404)])
def test_section_page_links_never_break(client, make_story, section, value, status):
    make_story()
    response = client.get(section.url + f"?page={value}")
    assert response.status_code == status
    if status == 404:
        assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_home_page_leads_with_newest_and_lists_sections(client, home, make_story, section):
    older = make_story(title="Tin cũ")
    newest = make_story(title="Tin mới nhất")
    other_section = SectionPageFactory(parent=home, title="Thuế", slug="thue")
    tax = make_story(parent=other_section, title="Khai thuế qua mạng")
    html = client.get("/").content.decode()
    assert "Mới nhất" in html
    assert html.index(tax.title) < html.index(older.title)  # tax story is the newest of all
    assert "Thuế" in html and newest.title in html


@pytest.mark.django_db
def test_a_story_moved_to_another_section_is_listed_there(client, home, make_story, section):
    story = make_story(title="Tin chuyển chuyên mục")
    tax = SectionPageFactory(parent=home, title="Thuế", slug="thue")
    assert story.title in main_column(client.get(section.url))
    story.move(tax, pos="last-child")
    assert story.title not in main_column(client.get(section.url))
    assert story.title in main_column(client.get(tax.url))
    moved = client.get("/thue/" + story.slug + "/")
    assert moved.status_code == 200 and "Thuế" in main_column(moved)


@pytest.mark.django_db
def test_a_story_edited_and_republished_stays_in_its_listings(client, make_story, section):
    story = make_story(title="Tin cũ")
    story.title = "Tin đã sửa"
    publish(story)
    assert "Tin đã sửa" in main_column(client.get(section.url))
    assert "Tin đã sửa" in main_column(client.get("/"))


@pytest.mark.django_db
def test_drafts_and_private_stories_stay_hidden(client, make_story, section):
    draft = ArticlePageFactory(parent=section, title="Bản nháp chưa duyệt", live=False)
    html = client.get(section.url).content.decode()
    assert draft.title not in html
    assert client.get(draft.url or f"/hoc-tap/{draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_section_listing_costs_the_same_queries_for_more_stories(client, make_story, section):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from website.demo_images import demo_image

    def queries():
        client.get(section.url)  # renditions are made on the first view
        cache.clear()  # as on another worker: renditions come from the database
        with CaptureQueriesContext(connection) as captured:
            client.get(section.url)
        return len(captured)

    for n in range(2):
        make_story(hero_image=demo_image(f"Ảnh {n}"))
    few = queries()
    for n in range(2, 8):
        make_story(hero_image=demo_image(f"Ảnh {n}"))
    assert queries() == few


@pytest.mark.django_db
def test_a_story_reads_its_picture_and_both_its_sizes_at_once(client, make_story):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from website.demo_images import demo_image

    def cold(url):
        client.get(url)  # renditions are made on the first view
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len(captured), html

    story = make_story(title="Treo cờ mừng Đại hội")
    without, _ = cold(story.url)
    story.hero_image = demo_image("Cờ Đảng trên trục chính")
    publish(story)
    with_picture, html = cold(story.url)
    # The picture, then its renditions for the page and for a shared link: two queries.
    assert with_picture == without + 2
    assert 'class="story-figure story-figure--hero"' in html
    assert '<meta property="og:image"' in html and "fill-1200x630" in html
