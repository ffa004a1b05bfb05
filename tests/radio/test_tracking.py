"""A sender looks up a tracking code."""

from radio.models import Submission, SubmissionStatus

URL = "/reader/radio/tra-cuu/"


def make_submission(commune=None, **fields):
    return Submission.objects.create(
        title="Ra mắt đội canh phòng",
        text="Nội dung.",
        author="Trần Văn Bình",
        contact="0912345678",
        commune=commune,
        **fields,
    )


def test_a_code_shows_the_status(client, home):
    submission = make_submission()
    response = client.get(URL, {"code": submission.code})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ra mắt đội canh phòng" in html and "Đã tiếp nhận" in html


def test_a_code_typed_in_lower_case_with_a_dash_is_found(client, home):
    submission = make_submission()
    typed = f"{submission.code[:4].lower()}-{submission.code[4:].lower()}"
    assert "Ra mắt đội canh phòng" in client.get(URL, {"code": typed}).content.decode()


def test_a_declined_story_shows_the_reason(client, home):
    submission = make_submission(
        status=SubmissionStatus.DECLINED, decline_reason="Trùng với tin đã đăng ngày 3/5."
    )
    html = client.get(URL, {"code": submission.code}).content.decode()
    assert "Không sử dụng" in html and "Trùng với tin đã đăng" in html


def test_an_unknown_code_gets_a_clear_answer(client, home):
    response = client.get(URL, {"code": "ZZZZ2222"})
    assert response.status_code == 404
    assert "Không có tin, bài nào có mã “ZZZZ2222”" in response.content.decode()


def test_an_empty_or_absurd_code_is_not_an_error_page(client, home):
    assert client.get(URL, {"code": ""}).status_code == 400
    response = client.get(URL, {"code": "x" * 500})
    assert response.status_code == 400
    assert "<form" in response.content.decode()


def test_lookups_are_rate_limited(client, home, settings):
    settings.RADIO_LOOKUP_RATE = (3, 3600)
    for _ in range(3):
        client.get(URL, {"code": "ZZZZ2222"})
    response = client.get(URL, {"code": make_submission().code})
    assert response.status_code == 429
    assert "Bạn đã tra cứu nhiều mã" in response.content.decode()
    assert "Ra mắt đội canh phòng" not in response.content.decode()
