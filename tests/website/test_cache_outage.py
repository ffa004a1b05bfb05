"""Readers while Redis (the shared cache) hangs or is down: pages are built from the database,
nothing kept before or during the outage is shown for content changed meanwhile, and a change
made during the outage drops the old fragments once Redis answers again.

A Redis server of the test's own, so that it can be paused (SIGSTOP: alive, never answering)
and stopped without touching the one the other tests share."""

import signal
import socket
import subprocess
import time

import pytest
import redis
from django.urls import reverse

from tests.helpers import main_column, publish
from website import cache as website_cache


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def own_redis(settings, tmp_path):
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        server.kill()
        pytest.fail("redis-server did not start")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "website.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    website_cache._paused_until.clear()
    yield server
    server.send_signal(signal.SIGCONT)
    server.kill()
    server.wait()
    website_cache._paused_until.clear()


def title_shown(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return main_column(response)


@pytest.mark.django_db
def test_readers_get_pages_and_changes_while_redis_hangs(client, home, make_story, own_redis):
    story = make_story(title="Huyện treo 37 băng rôn mừng Đảng")
    for url in (story.url, "/"):
        # The first reading makes the office's settings (a change); the second is kept.
        title_shown(client, url)
        assert "Huyện treo 37 băng rôn mừng Đảng" in title_shown(client, url)

    own_redis.send_signal(signal.SIGSTOP)
    assert "Huyện treo 37 băng rôn mừng Đảng" in title_shown(client, story.url)
    assert "Huyện treo 37 băng rôn mừng Đảng" in title_shown(client, "/")
    story.title = "Huyện treo 37 băng rôn và 480 cờ Đảng"
    publish(story)
    assert "Huyện treo 37 băng rôn và 480 cờ Đảng" in title_shown(client, story.url)

    # Redis answers again (and the process tries it again, as it does after a pause): the page
    # and the home page are not the fragments kept before the change.
    own_redis.send_signal(signal.SIGCONT)
    website_cache._paused_until.clear()
    assert "Huyện treo 37 băng rôn và 480 cờ Đảng" in title_shown(client, story.url)
    assert "Huyện treo 37 băng rôn và 480 cờ Đảng" in title_shown(client, "/")
    assert "480 cờ Đảng" in title_shown(client, "/")  # and again, now from the cache


@pytest.mark.django_db
def test_readers_get_pages_and_count_views_while_redis_is_down(
    client, home, section, make_story, own_redis
):
    story = make_story(title="Mô hình Hũ gạo tình thương ở xã Bình An")
    own_redis.terminate()
    own_redis.wait()
    for url in ("/", section.url, story.url):
        assert "Mô hình Hũ gạo tình thương ở xã Bình An" in title_shown(client, url)
    assert client.post(reverse("news:count_view", args=[story.pk])).status_code == 204
