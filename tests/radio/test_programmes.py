"""Programmes: a rundown's estimated durations against the slot, the announcer's script, and
the recording attached after air."""

import datetime
import math

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from radio.models import Programme, RundownItem, Slot, Submission, SubmissionStatus
from tests.helpers import png_bytes, wav_bytes
from website.text import READING_RATE, spoken_paragraphs


@pytest.fixture
def slot(db):
    return Slot.objects.create(
        name="Thời sự", length_minutes=1, recurrence="hằng ngày lúc 17:00", days="1,2,3,4,5"
    )


@pytest.fixture
def programme(slot):
    return Programme.objects.create(slot=slot, date=timezone.localdate())


def seconds_for(words):
    return math.ceil(words * 60 / READING_RATE)


def test_a_story_item_reads_the_story_radio_text_by_default(programme, make_story):
    story = make_story(title="Ra mắt đội canh phòng")
    item = RundownItem.objects.create(programme=programme, kind="story", story=story)
    assert item.text == "\n\n".join(spoken_paragraphs(story.body, story.lead))
    words = len(story.title.split()) + len(item.text.split())
    assert item.estimated_seconds() == seconds_for(words)


def test_an_edited_text_is_the_programme_own(programme, make_story):
    story = make_story()
    item = RundownItem.objects.create(
        programme=programme, kind="story", story=story, text="Một hai ba bốn năm."
    )
    assert item.text == "Một hai ba bốn năm."
    assert item.estimated_seconds() == seconds_for(len(story.title.split()) + 5)


def test_the_total_against_the_slot_shows_over_and_under(programme):
    RundownItem.objects.create(programme=programme, kind="music", music_seconds=20)
    assert programme.total_seconds() == 20 and programme.balance_seconds() == -40
    RundownItem.objects.create(
        programme=programme, kind="intro", text=" ".join(["chữ"] * READING_RATE)
    )
    assert programme.total_seconds() == 80 and programme.balance_seconds() == 20


def test_the_editor_sees_the_timing_and_the_script_link(admin_client, programme):
    RundownItem.objects.create(programme=programme, kind="music", music_seconds=90)
    html = admin_client.get(f"/admin/snippets/radio/programme/edit/{programme.pk}/").content
    html = html.decode()
    assert "1:30" in html and "vượt khung 0:30" in html
    assert f"/admin/snippets/radio/programme/script/{programme.pk}/" in html


def test_the_script_has_every_item_with_its_duration_and_the_notes(
    admin_client, programme, make_story
):
    story = make_story(title="Ra mắt đội canh phòng")
    programme.pronunciation_notes = "Hòn Chông: đọc là “Hòn Chôông”."
    programme.save()
    RundownItem.objects.create(
        programme=programme, kind="intro", text="Kính thưa quý thính giả.", sort_order=0
    )
    item = RundownItem.objects.create(programme=programme, kind="story", story=story, sort_order=1)
    RundownItem.objects.create(programme=programme, kind="music", music_seconds=15, sort_order=2)
    response = admin_client.get(f"/admin/snippets/radio/programme/script/{programme.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Kính thưa quý thính giả") < html.index("Ra mắt đội canh phòng")
    assert html.count('class="item ') == 3
    seconds = item.estimated_seconds()
    assert f"{seconds // 60}:{seconds % 60:02d}" in html
    assert "Hòn Chôông" in html and "Kịch bản phát thanh viên" in html


def test_the_script_is_for_editors_only(client, programme):
    response = client.get(f"/admin/snippets/radio/programme/script/{programme.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def edit(admin_client, programme, **fields):
    data = nested_form_data(
        {
            "slot": programme.slot_id,
            "date": programme.date.isoformat(),
            "title": "",
            "pronunciation_notes": "",
            "items": inline_formset([]),
            **fields,
        }
    )
    return admin_client.post(f"/admin/snippets/radio/programme/edit/{programme.pk}/", data)


def test_after_air_the_recording_is_attached_and_timed(admin_client, programme):
    recording = Document.objects.create(
        title="Thời sự", file=ContentFile(wav_bytes(seconds=3), name="thoi-su.wav")
    )
    response = edit(admin_client, programme, recording=recording.pk, aired="on")
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.aired and programme.recording == recording
    assert programme.recording_seconds == 3


def test_a_recording_that_is_not_audio_is_refused(admin_client, programme):
    picture = Document.objects.create(title="Ảnh", file=ContentFile(png_bytes(), name="a.mp3"))
    response = edit(admin_client, programme, recording=picture.pk, aired="on")
    assert response.status_code == 200
    assert "không phải là tệp âm thanh" in response.content.decode()
    programme.refresh_from_db()
    assert not programme.aired and programme.recording is None


def test_a_programme_of_tomorrow_cannot_be_aired(admin_client, slot):
    tomorrow = Programme.objects.create(
        slot=slot, date=timezone.localdate() + datetime.timedelta(days=1)
    )
    response = edit(admin_client, tomorrow, aired="on")
    assert "chưa thể phát sóng" in response.content.decode()
    assert not Programme.objects.get(pk=tomorrow.pk).aired


def test_stories_of_an_aired_programme_were_used_on_air(programme, make_story):
    story = make_story()
    submission = Submission.objects.create(
        title="t", text="t", author="a", contact="0912345678", story=story, status="published"
    )
    RundownItem.objects.create(programme=programme, kind="story", story=story)
    programme.aired = True
    programme.save()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ON_AIR


def test_slot_days_are_ticked_in_the_admin(admin_client, db):
    data = {"name": "Chuyên mục Thuế", "channel": "district_radio", "length_minutes": "10"}
    data |= {"recurrence": "4 buổi/tuần", "days": ["1", "3", "5", "6"]}
    response = admin_client.post("/admin/snippets/radio/slot/add/", data)
    assert response.status_code == 302
    slot = Slot.objects.get()
    assert slot.days == "1,3,5,6" and slot.days_display() == "Thứ 2, Thứ 4, Thứ 6, Thứ 7"
