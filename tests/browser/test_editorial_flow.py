"""A reporter writes a story with an image and submits it, the editorial board approves it,
a citizen finds it and sends feedback that appears once moderated."""

import pytest
from django.contrib.auth.models import Group
from PIL import Image as PILImage

from news.models import ArticlePage, Feedback
from news.roles import BOARD, REPORTERS, setup_newsroom
from tests.helpers import PASSWORD, log_in

TITLE = "Kiên Lương treo 480 cờ Đảng dọc trục chính Ba Hòn"


@pytest.fixture
def newsroom(live_site, django_user_model):
    setup_newsroom(live_site)
    users = {}
    for group, username in ((REPORTERS, "phongvien"), (BOARD, "bientap")):
        user = django_user_model.objects.create_user(username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[group] = user
    return users


@pytest.mark.django_db(transaction=True)
def test_story_from_reporter_to_reader(browser, live_server, newsroom, section, tmp_path, page):
    picture = tmp_path / "co-dang.jpg"
    PILImage.new("RGB", (800, 450), (179, 22, 11)).save(picture)

    # The reporter writes the story, with a hero image uploaded from the chooser, and submits it.
    reporter = log_in(browser, live_server, "phongvien")
    reporter.goto(f"/admin/pages/add/news/articlepage/{section.pk}/")
    reporter.fill("#id_title", TITLE)
    reporter.fill("#id_lead", "Dọc trục chính khu đô thị Ba Hòn có 37 băng rôn, 480 cờ Đảng.")
    reporter.locator("[data-chooser-action-choose]").first.click()
    modal = reporter.locator(".modal-dialog")
    modal.get_by_role("tab", name="Tải lên").click()
    modal.locator("input[type=file]").set_input_files(str(picture))
    modal.locator("#id_image-chooser-upload-title").fill("Cờ Đảng trên trục chính Ba Hòn")
    modal.locator("#tab-upload button[type=submit]").click()
    reporter.wait_for_selector(".modal-dialog", state="detached")
    reporter.fill("#id_byline", "Kim Thư")
    reporter.get_by_role("button", name="Thao tác khác").click()
    reporter.locator("button[name=action-submit]").click()
    reporter.wait_for_url(lambda url: "/add/" not in url)
    story = ArticlePage.objects.get(title=TITLE)
    assert not story.live
    assert story.hero_image is not None or story.get_latest_revision_as_object().hero_image

    # Not yet public.
    page.goto("/")
    assert TITLE not in page.content()

    # A member of the editorial board approves it from the edit page.
    editor = log_in(browser, live_server, "bientap")
    editor.goto(f"/admin/pages/{story.pk}/edit/")
    editor.get_by_role("button", name="Thao tác khác").click()
    editor.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    editor.wait_for_load_state("networkidle")
    story.refresh_from_db()
    assert story.live

    # A citizen finds it on the home page and in its section, reads it and sends feedback.
    page.goto("/")
    page.get_by_role("link", name=TITLE).first.wait_for()
    page.goto(section.url)
    page.get_by_role("link", name=TITLE).first.click()
    assert page.locator("h1").inner_text() == TITLE
    assert page.locator(".story-figure--hero img").count() == 1
    page.fill("#id_name", "Trần Thị Bình")
    page.fill("#id_contact", "0918 123 456")
    page.fill("#id_message", "Phố phường rực rỡ cờ hoa, cảm ơn các anh chị!")
    page.get_by_role("button", name="Gửi phản hồi").click()
    page.locator(".notice--success").wait_for()
    assert "rực rỡ cờ hoa" not in page.locator("#phan-hoi").inner_text()

    # The board approves the message in the admin; then every reader sees it.
    feedback = Feedback.objects.get()
    editor.goto(f"/admin/snippets/news/feedback/edit/{feedback.pk}/")
    editor.check("#id_approved")
    editor.get_by_role("button", name="Lưu").click()
    editor.wait_for_load_state("networkidle")
    page.reload()
    assert "Phố phường rực rỡ cờ hoa" in page.locator("#phan-hoi").inner_text()
