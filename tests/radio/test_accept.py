"""A reporter turns a submission into a draft story in the newsroom's workflow; the
submission's status follows the story."""

from news.models import ArticlePage
from radio.models import Submission, SubmissionStatus


def accept_url(submission):
    return f"/admin/snippets/radio/submission/accept/{submission.pk}/"


def test_make_a_story_creates_a_draft_submitted_for_approval(client, newsroom, section, submission):
    reporter, _board = newsroom
    client.force_login(reporter)
    page = client.get(accept_url(submission))
    assert page.status_code == 200 and "Tạo tin bài" in page.content.decode()
    response = client.post(accept_url(submission), {"section": section.pk})
    story = ArticlePage.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/pages/{story.pk}/edit/"
    assert not story.live and story.owner == reporter
    assert story.get_parent().specific == section
    assert story.byline == "Trần Văn Bình" and story.contributing_unit == "Hội Cựu chiến binh xã"
    assert story.lead.startswith("Sáng nay, Hội Cựu chiến binh xã Hòa Điền")
    paragraphs = [b.value.source for b in story.body if b.block_type == "paragraph"]
    assert paragraphs == ["<p>Mô hình có 25 hội viên, chia thành 5 tổ, tuần tra vào ban đêm.</p>"]
    assert story.hero_image is not None and story.hero_image.width == 64
    assert [b.block_type for b in story.body].count("image") == 1  # the second photo
    assert story.radio_audio is not None and story.radio_audio.file.name.endswith(".wav")
    state = story.current_workflow_state
    assert state.status == "in_progress" and state.requested_by == reporter
    submission.refresh_from_db()
    assert submission.story_id == story.pk and submission.status == SubmissionStatus.EDITING


def test_the_list_offers_make_a_story(client, newsroom, submission):
    client.force_login(newsroom[0])
    html = client.get("/admin/snippets/radio/submission/").content.decode()
    assert accept_url(submission) in html and "Tạo tin bài" in html


def test_a_submission_is_made_a_story_once(client, newsroom, section, submission):
    client.force_login(newsroom[0])
    client.post(accept_url(submission), {"section": section.pk})
    response = client.post(accept_url(submission), {"section": section.pk})
    assert response.status_code == 302
    assert ArticlePage.objects.count() == 1


def test_without_the_right_to_handle_submissions_nothing_is_made(
    client, home, section, submission, django_user_model
):
    from django.contrib.auth.models import Group

    from news.roles import REPORTERS, setup_newsroom

    setup_newsroom(home)
    user = django_user_model.objects.create_user("khach", password="pw")
    user.groups.add(Group.objects.get(name=REPORTERS))
    client.force_login(user)
    response = client.post(accept_url(submission), {"section": section.pk})
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's refusal
    assert not ArticlePage.objects.exists()


def test_the_status_follows_the_story(client, newsroom, section, submission):
    reporter, board = newsroom
    client.force_login(reporter)
    client.post(accept_url(submission), {"section": section.pk})
    story = ArticlePage.objects.get()
    story.get_latest_revision().publish(user=board)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PUBLISHED
    tracked = client.get("/reader/radio/tra-cuu/", {"code": submission.code}).content.decode()
    assert "Đã xuất bản" in tracked and story.url in tracked
    story.refresh_from_db()
    story.unpublish(user=board)
    assert Submission.objects.get().status == SubmissionStatus.EDITING


def test_declining_needs_a_reason(client, newsroom, submission):
    client.force_login(newsroom[1])
    url = f"/admin/snippets/radio/submission/edit/{submission.pk}/"
    data = {
        "status": "declined",
        "decline_reason": "",
        "title": submission.title,
        "text": submission.text,
        "author": submission.author,
        "contact": submission.contact,
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Hãy ghi lý do không sử dụng" in response.content.decode()
    assert Submission.objects.get().status == SubmissionStatus.RECEIVED
