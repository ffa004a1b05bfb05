"""A correspondent sends a story through the public form and follows it by its code."""

import re

from django.test import Client

from radio.models import CODE_ALPHABET, Submission, SubmissionFile, SubmissionStatus

URL = "/reader/radio/gui-tin-bai/"


def code_in(response):
    return re.search(r"data-tracking-code>([A-Z0-9]+)<", response.content.decode()).group(1)


def test_a_story_with_a_photo_and_a_recording_is_received_with_a_tracking_code(
    send, story_data, photo, recording
):
    response = send(story_data, {"photos": [photo()], "audio": [recording()]}, follow=True)
    assert response.status_code == 200
    code = code_in(response)
    assert len(code) == 8 and set(code) <= set(CODE_ALPHABET)
    assert "Cảm ơn" in response.content.decode()
    submission = Submission.objects.get(code=code)
    assert submission.status == SubmissionStatus.RECEIVED
    assert submission.contact == "0912345678"
    assert submission.commune.name == "Hòa Điền"
    assert [f.kind for f in submission.files.order_by("sort_order")] == ["photo", "audio"]


def test_the_form_is_in_vietnamese(client, home):
    html = client.get(URL).content.decode()
    assert "Gửi tin, bài cho Đài Truyền thanh" in html
    assert "Tiêu đề" in html and "Tác giả" in html and "Ảnh" in html


def test_a_file_that_is_not_audio_is_refused_and_nothing_is_saved(send, story_data, photo):
    fake = photo("tin.mp3")  # a picture named as a recording
    response = send(story_data, {"photos": [photo()], "audio": [fake]})
    assert response.status_code == 400
    assert "không phải là bản ghi âm" in response.content.decode()
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(send, story_data, recording):
    response = send(story_data, {"photos": [recording("anh.jpg")]})
    assert response.status_code == 400
    assert "anh.jpg" in response.content.decode()
    assert not Submission.objects.exists()


def test_too_big_a_recording_is_refused(send, story_data, recording, settings):
    settings.RADIO_MAX_AUDIO_SIZE = 1000
    response = send(story_data, {"audio": [recording()]})
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert not Submission.objects.exists()


def test_missing_fields_get_vietnamese_messages(send, home):
    response = send({"title": "", "text": "ngắn", "author": "", "contact": "abc"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng đặt tiêu đề cho tin, bài." in html
    assert "quá ngắn" in html
    assert not Submission.objects.exists()


def test_a_bot_filling_the_hidden_field_stores_nothing(send, story_data):
    response = send({**story_data, "website": "http://spam.example"}, follow=True)
    assert response.status_code == 200
    assert not Submission.objects.exists()


def test_one_address_may_send_only_a_few_stories_an_hour(send, story_data, settings):
    settings.RADIO_SUBMISSION_RATE = (2, 3600)
    for _ in range(2):
        assert send(story_data).status_code == 302
    response = send(story_data)
    assert response.status_code == 400
    assert "Bạn đã gửi nhiều tin, bài" in response.content.decode()
    assert Submission.objects.count() == 2


def test_a_post_without_the_csrf_token_is_refused(home, story_data):
    response = Client(enforce_csrf_checks=True).post(URL, story_data)
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_a_recording_under_another_name_is_refused(send, story_data, recording):
    response = send(story_data, {"audio": [recording("tin.exe")]})
    assert response.status_code == 400
    assert "tin.exe: Tệp này không phải là bản ghi âm" in response.content.decode()
    assert not Submission.objects.exists()
