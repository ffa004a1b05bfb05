"""A reader sends feedback on a story served by the front cache: the page carries no cookie
and no token, the form fetches its token when used, and another site cannot post it."""

import pytest

from news.models import Feedback

pytestmark = [pytest.mark.topology, pytest.mark.django_db(transaction=True)]

READER = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


@pytest.fixture
def reader(browser, cached_site):
    """A phone's browser tab on the site behind nginx and Varnish: `reader(javascript=…)`."""
    contexts = []

    def open_tab(javascript=True):
        context = browser.new_context(
            viewport={"width": 390, "height": 800},
            locale="vi-VN",
            base_url=cached_site.site_url,
            java_script_enabled=javascript,
            user_agent=READER,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def fill(tab, name):
    tab.fill("#id_name", name)
    tab.fill("#id_contact", "0912 345 678")
    tab.fill("#id_message", "Bài viết rất bổ ích cho bà con.")


def test_feedback_on_a_cached_story_goes_through(cached_site, make_story, reader):
    story = make_story(title="Xã Hòa Điền ra mắt mô hình dân vận khéo")
    cached_site.get(story.url)  # another reader read it first

    tab = reader()
    with tab.expect_request(f"**/reader/views/{story.pk}/") as beacon:
        response = tab.goto(story.url)
    assert beacon.value.method == "POST"  # the view counts though the page came from the cache
    assert response.headers["x-cache"] == "HIT"
    assert tab.context.cookies() == []
    fill(tab, "Nguyễn Văn An")  # focusing the form fetches its token
    tab.click(".feedback-form button[type=submit]")
    tab.wait_for_url("**?phan-hoi=da-gui*")
    assert tab.locator(".notice--success").is_visible()
    assert Feedback.objects.get().name == "Nguyễn Văn An"
    assert [cookie["name"] for cookie in tab.context.cookies()] == ["csrftoken"]

    # Without JavaScript the form still works: the browser's Origin names the site.
    plain = reader(javascript=False)
    plain.goto(story.url)
    fill(plain, "Lê Thị Bình")
    plain.click(".feedback-form button[type=submit]")
    plain.wait_for_url("**?phan-hoi=da-gui*")
    assert Feedback.objects.filter(name="Lê Thị Bình").exists()


def test_another_site_cannot_post_feedback(cached_site, make_story, reader):
    story = make_story()
    attacker = reader()
    attacker.set_content(
        f'<form method="post" action="{cached_site.site_url}/reader/feedback/{story.pk}/">'
        '<input name="name" value="Kẻ giả mạo"><input name="contact" value="0912345678">'
        '<input name="message" value="Nội dung giả mạo từ trang khác"><button>Gửi</button></form>'
    )
    with attacker.expect_navigation():
        attacker.click("button")
    assert "Không kiểm tra được phản hồi của bạn" in attacker.content()
    assert not Feedback.objects.exists()
