"""'Most viewed' counts readers' views without writing on every request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news import viewcounts
from news.models import ArticleViewCount
from tests.helpers import publish

BROWSER = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


def view(client, story, agent=BROWSER):
    """What the story page's script sends once the page is shown (from the cache or not)."""
    return client.post(f"/reader/views/{story.pk}/", HTTP_USER_AGENT=agent)


@pytest.mark.django_db
def test_views_are_batched_then_rank_most_viewed(client, make_story, settings):
    settings.NEWS_VIEW_FLUSH_SECONDS = 3600
    quiet, popular = make_story(title="Tin ít người đọc"), make_story(title="Tin nhiều người đọc")
    for _ in range(3):
        view(client, popular)
    with CaptureQueriesContext(connection) as queries:
        view(client, quiet)
    writes = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    assert not any("viewcount" in sql.lower() for sql in writes)
    assert not ArticleViewCount.objects.exists()  # nothing written yet
    assert viewcounts.flush() == 2
    assert ArticleViewCount.objects.get(page=popular).views == 3
    html = client.get("/", HTTP_USER_AGENT=BROWSER).content.decode()
    sidebar = html[html.index("Xem nhiều nhất") :]
    assert sidebar.index(popular.title) < sidebar.index(quiet.title)


@pytest.mark.django_db
def test_a_due_flush_writes_in_one_go(client, make_story, settings):
    settings.NEWS_VIEW_FLUSH_SECONDS = 0
    story = make_story()
    assert view(client, story).status_code == 204
    view(client, story)
    assert ArticleViewCount.objects.get(page=story).views == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "agent",
    ["", "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.0", "facebookexternalhit"],
)
def test_bots_are_not_counted(client, make_story, settings, agent):
    settings.NEWS_VIEW_FLUSH_SECONDS = 0
    story = make_story()
    view(client, story, agent)
    assert not ArticleViewCount.objects.filter(views__gt=0).exists()
    assert "Chưa có lượt xem" in client.get(story.url, HTTP_USER_AGENT=agent).content.decode()


@pytest.mark.django_db
def test_views_survive_a_new_revision(client, make_story, settings):
    settings.NEWS_VIEW_FLUSH_SECONDS = 0
    story = make_story()
    view(client, story)
    story.title = "Tiêu đề đã sửa"
    publish(story)
    assert ArticleViewCount.objects.get(page=story).views == 1


@pytest.mark.django_db
def test_reading_the_page_counts_nothing_by_itself(client, make_story, settings):
    """The page may come from the front cache; only its script's report counts."""
    settings.NEWS_VIEW_FLUSH_SECONDS = 0
    story = make_story()
    html = client.get(story.url, HTTP_USER_AGENT=BROWSER).content.decode()
    assert f'data-view-url="/reader/views/{story.pk}/"' in html
    assert not ArticleViewCount.objects.exists()


@pytest.mark.django_db
def test_a_view_of_no_story_is_dropped(client, make_story, settings):
    settings.NEWS_VIEW_FLUSH_SECONDS = 0
    story = make_story()
    view(client, story)
    client.post("/reader/views/999999/", HTTP_USER_AGENT=BROWSER)
    assert list(ArticleViewCount.objects.values_list("page_id", "views")) == [(story.pk, 1)]
    assert client.get(f"/reader/views/{story.pk}/").status_code == 405
