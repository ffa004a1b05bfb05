"""Stories scheduled for later go live when the scheduler runs, not before."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import ArticlePageFactory
from tests.helpers import main_column, publish


@pytest.mark.django_db
def test_scheduled_story_appears_after_publish_scheduled(client, section):
    story = ArticlePageFactory(parent=section, title="Tin hẹn giờ đăng", live=False)
    story.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    publish(story)
    story.refresh_from_db()
    assert not story.live
    assert "Tin hẹn giờ đăng" not in main_column(client.get(section.url))

    # The five minutes pass.
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision = story.latest_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    assert "Tin hẹn giờ đăng" in main_column(client.get(section.url))
