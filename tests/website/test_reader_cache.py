"""What a warm reader page reuses (the site, the page at an address, its view restrictions, its
rendered parts) and what drops it: publishing, privacy, a site's address. Previews never reuse
or leave anything a reader sees."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from news.models import ArticlePage
from tests.helpers import publish, queries_for
from website.models import OfficeSettings


@pytest.mark.django_db
def test_warm_home_section_and_story_pages_send_no_query(client, home, section, make_story):
    OfficeSettings.for_site(Site.objects.get(is_default_site=True))  # as a real site has them
    story = make_story(title="Kiên Lương treo 480 cờ Đảng", tags=["cổ động"])
    make_story(title="Tin khác trong chuyên mục")
    for url in ("/", section.url, story.url):
        assert queries_for(client, url) == 0, url


@pytest.mark.django_db
def test_the_home_pages_own_fields_are_read_once_and_only_to_show_it(client, home, section):
    home.introduction = "Trang thông tin điện tử của Ban Tuyên giáo Huyện ủy Kiên Lương"
    publish(home)

    def home_fields_read(url):
        client.get(url)
        cache.clear()  # rendered afresh, as after a publication
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        return sum('"website_homepage"' in q["sql"] for q in queries), html

    assert home_fields_read(section.url)[0] == 0
    read, html = home_fields_read("/")
    assert read == 1 and "Ban Tuyên giáo Huyện ủy Kiên Lương" in html


@pytest.mark.django_db
def test_a_story_made_private_after_it_was_read_is_private_at_once(client, make_story):
    story = make_story(title="Tin nội bộ của Huyện ủy")
    assert "Tin nội bộ của Huyện ủy" in client.get(story.url).content.decode()
    PageViewRestriction.objects.create(page=story, restriction_type="login")
    response = client.get(story.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_a_section_made_private_takes_its_stories_off_the_home_page(client, section, make_story):
    make_story(title="Tin bị giới hạn theo chuyên mục")
    assert "Tin bị giới hạn theo chuyên mục" in client.get("/").content.decode()
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type="password", password="bi-mat"
    )
    assert "Tin bị giới hạn theo chuyên mục" not in client.get("/").content.decode()
    restriction.delete()
    assert "Tin bị giới hạn theo chuyên mục" in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_new_revision_is_read_once_published(client, make_story):
    story = make_story(title="Bản tin buổi sáng", lead="Lời dẫn cũ.")
    assert "Lời dẫn cũ." in client.get(story.url).content.decode()
    story.lead = "Lời dẫn mới."
    revision = story.save_revision()
    assert "Lời dẫn cũ." in client.get(story.url).content.decode()  # a draft is not live
    revision.publish()
    html = client.get(story.url).content.decode()
    assert "Lời dẫn mới." in html and "Lời dẫn cũ." not in html


@pytest.mark.django_db
def test_a_preview_shows_the_draft_and_leaves_readers_the_live_story(
    admin_client, client, make_story
):
    story = make_story(title="Tin xem trước", lead="Lời dẫn đã xuất bản.")
    assert "Lời dẫn đã xuất bản." in client.get(story.url).content.decode()
    story.lead = "Lời dẫn trong bản nháp."
    story.save_revision()
    draft = admin_client.get(f"/admin/pages/{story.pk}/view_draft/")
    assert "Lời dẫn trong bản nháp." in draft.content.decode()
    assert "Lời dẫn đã xuất bản." in client.get(story.url).content.decode()
    assert "Lời dẫn trong bản nháp." not in client.get(story.url).content.decode()


@pytest.mark.django_db
def test_a_site_moved_to_another_address_is_served_there_at_once(client, home, make_story):
    story = make_story(title="Tin theo địa chỉ mới")
    assert client.get(story.url, HTTP_HOST="localhost").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port, site.is_default_site = "kienluong.vn", 80, False
    site.save()
    # The old address no longer names a site; the new one serves the story.
    assert client.get(story.url, HTTP_HOST="localhost").status_code == 404
    assert client.get(story.url, HTTP_HOST="kienluong.vn").status_code == 200


LEAD = '<p class="story-lead">{}</p>'


@pytest.mark.django_db
def test_after_a_deploy_pages_are_rendered_by_the_new_code(client, settings, make_story):
    story = make_story(title="Bản tin trước khi cập nhật", lead="Lời dẫn đã đăng.")
    assert "Lời dẫn đã đăng." in client.get(story.url).content.decode()
    # What new code would render differently, stood for by a row changed without a publication
    # (the content version stays): the same code keeps serving what it rendered...
    ArticlePage.objects.filter(pk=story.pk).update(lead="Lời dẫn theo mẫu mới.")
    assert LEAD.format("Lời dẫn đã đăng.") in client.get(story.url).content.decode()
    # ...a new release does not (settings.code_release(), or DJANGO_RELEASE).
    fragments = {**settings.CACHES["template_fragments"], "VERSION": "next-release"}
    settings.CACHES = {**settings.CACHES, "template_fragments": fragments}
    assert LEAD.format("Lời dẫn theo mẫu mới.") in client.get(story.url).content.decode()
