"""What the station sends to the provincial radio and television."""

from radio.models import Contribution, Submission, SubmissionStatus


def test_a_contribution_is_one_story_submission_or_programme(admin_client, make_story):
    story = make_story()
    data = {"channel": "province_tv", "sent_on": "2017-05-19", "notes": ""}
    response = admin_client.post("/admin/snippets/radio/contribution/add/", data)
    assert "Hãy chọn một tin bài, một tin bài gửi đến hoặc một chương trình" in (
        response.content.decode()
    )
    assert not Contribution.objects.exists()
    response = admin_client.post(
        "/admin/snippets/radio/contribution/add/", {**data, "story": story.pk, "used": "on"}
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.used and contribution.get_channel_display() == "Truyền hình tỉnh"


def test_a_submitted_story_sent_to_the_province_says_so(make_story):
    story = make_story()
    submission = Submission.objects.create(
        title="t", text="t", author="a", contact="0912345678", story=story, status="published"
    )
    Contribution.objects.create(story=story, channel="province_radio")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PROVINCE


def test_a_submitted_story_read_without_publishing_can_be_sent_to_the_province(db):
    submission = Submission.objects.create(
        title="t", text="t", author="a", contact="0912345678", status="on_air"
    )
    Contribution.objects.create(submission=submission, channel="province_radio", used=True)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PROVINCE
