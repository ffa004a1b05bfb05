"""Readers send feedback under a story; it shows only once an editor approves it."""

import datetime
import os
import uuid

import pytest
import time_machine
from django.test import Client

from news.models import Feedback

SITE = "http://testserver"
REFUSED = "Không kiểm tra được phản hồi của bạn"


def send(client, story, headers=None, **fields):
    """Post the form as a browser without JavaScript does: with this site's Origin."""
    data = {"name": "Nguyễn Văn An", "contact": "0912 345 678", "message": "Bài viết rất bổ ích."}
    data.update(fields)
    headers = {"HTTP_ORIGIN": SITE} if headers is None else headers
    return client.post(
        f"/reader/feedback/{story.pk}/",
        data,
        REMOTE_ADDR=data.pop("addr", "10.0.0.1"),
        **headers,
    )


@pytest.mark.django_db
def test_feedback_is_stored_and_shown_only_after_approval(client, make_story):
    story = make_story()
    response = send(client, story, message="Cảm ơn Ban biên tập về bài “Hũ gạo tình thương”.")
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "Phản hồi đã được tiếp nhận" in thanks
    assert "Cảm ơn Ban biên tập" not in thanks
    feedback = Feedback.objects.get()
    assert feedback.article_id == story.pk and feedback.contact == "0912345678"
    feedback.approved = True
    feedback.save()
    assert (
        "Cảm ơn Ban biên tập về bài “Hũ gạo tình thương”." in client.get(story.url).content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields,error",
    [
        ({"name": ""}, "Vui lòng nhập họ tên."),
        (
            {"contact": "abc"},
            "Vui lòng nhập địa chỉ thư điện tử hoặc số điện thoại Việt Nam hợp lệ.",
        ),
        ({"message": ""}, "Vui lòng nhập nội dung phản hồi."),
        ({"message": "ok"}, "Nội dung quá ngắn."),
        ({"message": "x" * 2001}, "2000"),
        ({"name": "A" * 101}, "100"),
    ],
)
def test_invalid_feedback_gets_a_vietnamese_error_and_is_not_stored(
    client, make_story, fields, error
):
    story = make_story()
    response = send(client, story, **fields)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_email_is_accepted_as_contact(client, make_story):
    story = make_story()
    assert send(client, story, contact="an.nguyen@example.vn").status_code == 302
    assert Feedback.objects.get().contact == "an.nguyen@example.vn"


@pytest.mark.django_db
def test_honeypot_drops_bots_silently(client, make_story):
    story = make_story()
    response = send(client, story, website="http://spam.example")
    assert response.status_code == 302
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_one_address_is_rate_limited(client, make_story, settings):
    settings.NEWS_FEEDBACK_RATE = (2, 3600)
    story = make_story()
    assert send(client, story).status_code == 302
    assert send(client, story).status_code == 302
    refused = send(client, story)
    assert refused.status_code == 400
    assert "Bạn đã gửi nhiều phản hồi" in refused.content.decode()
    assert Feedback.objects.count() == 2
    assert send(client, story, addr="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_the_story_page_holds_no_token_and_sets_no_cookie(client, make_story):
    story = make_story()
    response = client.get(story.url)
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_token_fetched_by_the_page_script_lets_feedback_through(make_story):
    story = make_story()
    browser = Client(enforce_csrf_checks=True)
    token = browser.get("/reader/feedback/token/")
    assert "no-store" in token["Cache-Control"]
    response = send(browser, story, headers={}, csrfmiddlewaretoken=token.json()["token"])
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://tin-gia.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://tin-gia.example/bai-viet/"},
    ],
)
def test_a_post_from_another_site_is_refused(make_story, headers):
    story = make_story()
    response = send(Client(enforce_csrf_checks=True), story, headers=headers)
    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_a_forged_token_is_refused(make_story):
    story = make_story()
    response = send(
        Client(enforce_csrf_checks=True), story, headers={}, csrfmiddlewaretoken="x" * 64
    )
    assert response.status_code == 403
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_the_rate_limit_counts_the_address_the_proxies_saw(client, make_story, settings):
    """Behind nginx and Varnish (two proxies), the reader is the second address from the
    right; what the reader wrote further left is not trusted."""
    settings.NEWS_FEEDBACK_RATE = (1, 3600)
    settings.TRUSTED_PROXY_COUNT = 2
    story = make_story()

    def via_proxies(reader, spoofed="1.2.3.4"):
        headers = {"HTTP_ORIGIN": SITE, "HTTP_X_FORWARDED_FOR": f"{spoofed}, {reader}, 127.0.0.1"}
        return send(client, story, headers=headers, addr="127.0.0.1")

    assert via_proxies("203.0.113.7").status_code == 302
    assert via_proxies("203.0.113.7", spoofed="5.6.7.8").status_code == 400
    assert via_proxies("203.0.113.8").status_code == 302
    assert Feedback.objects.get(remote_addr="203.0.113.8")


@pytest.mark.django_db
def test_without_declared_proxies_a_forwarded_address_is_not_believed(client, make_story, settings):
    """A reader talking to the application directly cannot dodge the limit by naming
    a different address in X-Forwarded-For each time."""
    settings.NEWS_FEEDBACK_RATE = (1, 3600)
    settings.TRUSTED_PROXY_COUNT = 0
    story = make_story()

    def claiming(address):
        headers = {"HTTP_ORIGIN": SITE, "HTTP_X_FORWARDED_FOR": address}
        return send(client, story, headers=headers, addr="203.0.113.9")

    assert claiming("1.1.1.1").status_code == 302
    assert claiming("2.2.2.2").status_code == 400
    assert Feedback.objects.get().remote_addr == "203.0.113.9"


@pytest.fixture(params=["locmem", "file", "redis"])
def cache_backend(request, settings, tmp_path):
    """The rate limit's cache: each backend a deployment may use (README, `REDIS_URL` and
    `DJANGO_CACHE_DIR`); Redis is the real server of scripts/services.sh."""
    backends = {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "file": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
        "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache"},
    }
    backend = backends[request.param]
    if request.param == "redis":
        if not os.environ.get("REDIS_URL"):
            pytest.fail("REDIS_URL is not set: start Redis with scripts/services.sh")
        backend["LOCATION"] = os.environ["REDIS_URL"]
        backend["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:12]}"  # this test's keys only
    settings.CACHES = {**settings.CACHES, "default": backend}
    return request.param


@pytest.mark.django_db
def test_the_rate_limit_window_is_one_hour_from_the_first_message(
    client, make_story, settings, cache_backend
):
    """Tries in between neither end the window early nor make it last longer."""
    settings.NEWS_FEEDBACK_RATE = (2, 3600)
    story = make_story()
    start = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert send(client, story).status_code == 302
        clock.move_to(start + datetime.timedelta(minutes=10))
        assert send(client, story).status_code == 302
        for minutes in (20, 40, 59):
            clock.move_to(start + datetime.timedelta(minutes=minutes))
            assert send(client, story).status_code == 400, minutes
        clock.move_to(start + datetime.timedelta(minutes=59, seconds=59))
        assert send(client, story).status_code == 400
        # The next window starts with the first message after the hour, not at a clock hour.
        clock.move_to(start + datetime.timedelta(minutes=70))
        assert send(client, story).status_code == 302
        assert send(client, story).status_code == 302
        clock.move_to(start + datetime.timedelta(minutes=129))
        assert send(client, story).status_code == 400
        clock.move_to(start + datetime.timedelta(minutes=130))
        assert send(client, story).status_code == 302
    assert Feedback.objects.count() == 5
