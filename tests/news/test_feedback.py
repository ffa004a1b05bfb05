"""Readers send feedback under a story; it shows only once an editor approves it."""

import pytest

from news.models import Feedback


def send(client, story, **fields):
    data = {"name": "Nguyễn Văn An", "contact": "0912 345 678", "message": "Bài viết rất bổ ích."}
    data.update(fields)
    return client.post(story.url, data, REMOTE_ADDR=fields.pop("addr", "10.0.0.1"))


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
