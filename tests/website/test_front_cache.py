"""What a shared cache may keep, and which addresses a change purges (docs/caching.md). The
purges reaching a real Varnish are tested in tests/topology/."""

import pytest

from tests.factories import ExemplarIndexPageFactory
from tests.helpers import publish_exemplar
from website import frontend_cache


@pytest.mark.django_db
def test_an_anonymous_reader_page_may_be_shared_and_revalidated(client, make_story):
    story = make_story()
    page = client.get(story.url)
    assert page["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert not page.cookies
    assert page["ETag"] and page["Last-Modified"]
    assert client.get(story.url, HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304
    assert client.get("/khong-co-trang-nay/")["Cache-Control"].startswith("public")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/search/?q=bac", "/admin/login/", "/reader/feedback/token/"])
def test_per_reader_answers_are_private(client, home, path):
    assert "public" not in client.get(path)["Cache-Control"]


@pytest.mark.django_db
def test_a_signed_in_editor_gets_private_pages(client, make_story, django_user_model):
    story = make_story()
    client.force_login(django_user_model.objects.create_superuser("bientap", "b@example.vn", "x"))
    assert client.get(story.url)["Cache-Control"] == "private"


def patterns(page):
    return frontend_cache.published_patterns(page)[1]


@pytest.mark.django_db
def test_a_published_story_purges_itself_its_listings_feeds_and_sitemap(make_story, section):
    story = make_story()
    assert frontend_cache.published_patterns(story)[0] == "localhost"
    assert sorted(patterns(story)) == sorted(
        [
            f"^{story.url}".replace("-", r"\-"),
            r"^/hoc\-tap/(\?.*)?$",
            r"^/(\?.*)?$",
            "^/feeds/",
            r"^/sitemap\.xml",
        ]
    )


@pytest.mark.django_db
def test_a_section_in_the_menu_purges_every_page(section):
    section.show_in_menus = True
    assert patterns(section) == [frontend_cache.EVERYTHING]


@pytest.mark.django_db
def test_an_exemplar_purges_the_whole_list_whose_statistics_count_it(home):
    index = ExemplarIndexPageFactory(parent=home, slug="guong-sang")
    exemplar = publish_exemplar(index, ())
    assert "^/guong\\-sang/" in patterns(exemplar)
