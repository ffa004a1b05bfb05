"""A page-edit POST that lacks a StreamField's bookkeeping fields (a truncated or hand-made
request) is a form error in Vietnamese, not a 500, and saves nothing."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["body-count", "body-0-type"])
def test_a_page_edit_missing_streamfield_bookkeeping_is_a_form_error(
    admin_client, make_story, missing
):
    story = make_story(title="Bài gốc")
    form = {
        "title": "Bài đã sửa",
        "slug": story.slug,
        "lead": story.lead,
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-value": "<p>Nội dung</p>",
    }
    del form[missing]
    response = admin_client.post(f"/admin/pages/{story.pk}/edit/", form)
    assert response.status_code in (200, 400)
    (message,) = response.context["form"].errors["body"]  # shown over the body
    assert "không đầy đủ" in message
    story.refresh_from_db()
    assert story.title == "Bài gốc"
    assert story.revisions.count() == 1
