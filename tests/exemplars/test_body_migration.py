"""Renaming the shared StreamField to `body` keeps the text of drafts and old revisions."""

import pytest
from django.core.management import call_command
from wagtail.rich_text import RichText

from exemplars.models import ExemplarPage
from website.pages import publish

TEXT = "<p>Mỗi tháng các hộ góp một ít gạo vào hũ chung.</p>"


@pytest.mark.django_db(transaction=True)
def test_a_draft_written_before_the_rename_keeps_its_story(make_exemplar):
    page = make_exemplar(title="Hũ gạo tình thương")
    draft = page.get_latest_revision_as_object()
    draft.body = [("paragraph", RichText(TEXT))]
    revision = draft.save_revision()

    # Back to the schema before the rename (the draft's text is stored as `story`), then on.
    call_command("migrate", "exemplars", "0003", verbosity=0)
    revision.refresh_from_db()
    assert "story" in revision.content and "body" not in revision.content
    call_command("migrate", "exemplars", verbosity=0)

    draft = ExemplarPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.body[0].value.source == TEXT
    publish(draft)
    assert ExemplarPage.objects.get(pk=page.pk).body[0].value.source == TEXT
