"""The radio desk in a browser: a correspondent sends a story with a photo and follows its
code; a reporter turns it into a story; the radio editor builds tomorrow's programme from
three stories and opens the announcer's script; after air they attach the recording, and a
podcast client sees it in the slot's feed."""

import datetime
import io
from urllib.request import urlopen

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents.models import Document

from news.models import ArticlePage
from news.roles import BOARD, REPORTERS, setup_newsroom
from radio.models import Programme, Slot, Submission
from radio.roles import setup_radio_desk
from tests.factories import ArticlePageFactory
from tests.helpers import PASSWORD, log_in, publish, wav_bytes
from website.models import Commune

TEXT = (
    "Sáng nay, Hội Cựu chiến binh xã Hòa Điền ra mắt mô hình cựu chiến binh tham gia đội "
    "canh phòng, với sự tham dự của đại diện Đảng ủy và Ủy ban nhân dân xã.\n\n"
    "Mô hình có 25 hội viên, chia thành 5 tổ, tuần tra vào ban đêm."
)


@pytest.fixture
def newsroom(live_site, django_user_model):
    setup_newsroom(live_site)
    setup_radio_desk()
    for group, username in ((REPORTERS, "phongvien"), (BOARD, "bientap")):
        user = django_user_model.objects.create_user(username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))


@pytest.mark.django_db(transaction=True)
def test_a_correspondent_story_becomes_a_draft(browser, live_server, newsroom, section, page):
    Commune.objects.create(name="Hòa Điền", slug="hoa-dien")
    photo = io.BytesIO()
    PILImage.new("RGB", (800, 450), (179, 22, 11)).save(photo, "JPEG")

    # The correspondent sends the story with a photo and is given a code.
    page.goto("/reader/radio/gui-tin-bai/")
    page.fill("#id_title", "Cựu chiến binh Hòa Điền tham gia đội canh phòng")
    page.fill("#id_text", TEXT)
    page.fill("#id_author", "Trần Văn Bình")
    page.fill("#id_unit", "Hội Cựu chiến binh xã")
    page.select_option("#id_commune", label="Xã Hòa Điền")
    page.fill("#id_contact", "0912 345 678")
    page.set_input_files(
        "#id_photos",
        files=[{"name": "doi.jpg", "mimeType": "image/jpeg", "buffer": photo.getvalue()}],
    )
    page.get_by_role("button", name="Gửi tin, bài").click()
    code = page.locator("[data-tracking-code]").inner_text()
    assert len(code) == 8

    # Later, from the lookup page, they follow it with the code they wrote down.
    page.goto("/reader/radio/tra-cuu/")
    page.fill("#id_code", code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("[data-status]").inner_text() == "Đã tiếp nhận"

    # A reporter turns it into a story, submitted to the board.
    reporter = log_in(browser, live_server, "phongvien")
    reporter.goto("/admin/snippets/radio/submission/")
    reporter.get_by_role("link", name="Tạo tin bài").click()
    reporter.select_option("#id_section", label=section.title)
    reporter.locator("main form button[type=submit]").click()
    reporter.wait_for_url("**/admin/pages/*/edit/")
    story = ArticlePage.objects.get()
    assert not story.live and story.hero_image is not None
    assert story.current_workflow_state.status == "in_progress"
    assert Submission.objects.get().story_id == story.pk

    page.goto(f"/reader/radio/tra-cuu/?code={code}")
    assert page.locator("[data-status]").inner_text() == "Đang biên tập"


@pytest.mark.django_db(transaction=True)
def test_the_radio_editor_builds_tomorrow_programme(browser, live_server, newsroom, section):
    Slot.objects.create(name="Thời sự", length_minutes=15, recurrence="hằng ngày")
    titles = ["Khánh thành cầu Ba Hòn", "Ra mắt đội canh phòng", "Thu thuế đạt 102% kế hoạch"]
    for title in titles:
        publish(ArticlePageFactory(parent=section, title=title))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    editor = log_in(browser, live_server, "bientap")
    editor.goto("/admin/snippets/radio/programme/add/")
    editor.select_option("#id_slot", label="Thời sự")
    editor.fill("#id_date", tomorrow.strftime("%d/%m/%Y"))
    editor.click("#id_title")
    for n, title in enumerate(titles):
        editor.click("#id_items-ADD")
        editor.locator(f"#id_items-{n}-story").locator("xpath=..").locator(
            "[data-chooser-action-choose]"
        ).click()
        modal = editor.locator(".modal-dialog")
        modal.locator("input[name=q]").fill(title)
        modal.locator(".listing a", has_text=title).click()
        editor.wait_for_selector(".modal-dialog", state="detached")
    editor.locator("footer button[type=submit]").first.click()
    editor.wait_for_url(lambda url: "/add/" not in url)

    programme = Programme.objects.get()
    assert programme.date == tomorrow
    items = list(programme.items.order_by("sort_order"))
    assert [item.story.title for item in items] == titles
    assert all(item.text for item in items)  # the stories' radio text, editable per programme

    editor.goto(f"/admin/snippets/radio/programme/edit/{programme.pk}/")
    assert "còn thiếu" in editor.locator("[data-timing]").inner_text()
    with editor.context.expect_page() as opened:
        editor.get_by_role("link", name="Kịch bản phát thanh viên").click()
    script = opened.value
    script.wait_for_load_state()
    assert script.locator("section.item").count() == 3
    assert script.locator("section.item h2").first.inner_text() == f"1. {titles[0]}"


@pytest.mark.django_db(transaction=True)
def test_an_aired_programme_reaches_the_podcast_client(browser, live_server, newsroom):
    slot = Slot.objects.create(name="Thời sự", length_minutes=15, recurrence="hằng ngày")
    today = timezone.localdate()
    programme = Programme.objects.create(slot=slot, date=today)
    Document.objects.create(
        title="Thời sự ghi âm", file=ContentFile(wav_bytes(seconds=4), name="thoi-su.wav")
    )

    # After air, the radio editor attaches the recording and ticks "aired".
    editor = log_in(browser, live_server, "bientap")
    editor.goto(f"/admin/snippets/radio/programme/edit/{programme.pk}/")
    feed_url = editor.locator("[data-podcast-feed]").get_attribute("href")
    editor.locator("#id_recording").locator("xpath=..").locator(
        "[data-chooser-action-choose]"
    ).click()
    modal = editor.locator(".modal-dialog")
    modal.locator("input[name=q]").fill("Thời sự ghi âm")
    modal.locator(".listing a", has_text="Thời sự ghi âm").click()
    editor.wait_for_selector(".modal-dialog", state="detached")
    editor.check("#id_aired")
    editor.locator("footer button[type=submit]").first.click()
    editor.wait_for_url(lambda url: "/edit/" not in url)

    # A podcast client subscribed to the slot sees the programme with its recording.
    with urlopen(live_server.url + feed_url) as response:
        feed = feedparser.parse(response.read())
    assert [entry.title for entry in feed.entries] == [f"Thời sự – {today:%d/%m/%Y}"]
    enclosure = feed.entries[0].enclosures[0]
    assert enclosure.type.startswith("audio/") and int(enclosure.length) > 0
    assert feed.entries[0].itunes_duration == "4"
    with urlopen(enclosure.href) as recording:
        assert recording.read(4) == b"RIFF"
