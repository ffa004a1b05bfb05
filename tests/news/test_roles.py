"""Reporters write and submit; the editorial board approves and publishes ("Duyệt tin")."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow

from news.roles import BOARD, REPORTERS, WORKFLOW, setup_newsroom


@pytest.mark.django_db
def test_reporters_edit_but_cannot_publish_while_the_board_can(newsroom, make_story):
    reporter, board = newsroom
    story = make_story(owner=reporter)
    reporter_perms = story.permissions_for_user(reporter)
    board_perms = story.permissions_for_user(board)
    assert reporter_perms.can_edit() and not reporter_perms.can_publish()
    assert board_perms.can_edit() and board_perms.can_publish() and board_perms.can_unpublish()


@pytest.mark.django_db
def test_stories_go_through_the_duyet_tin_workflow(newsroom, section):
    workflow = Workflow.objects.get(name=WORKFLOW)
    assert section.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [BOARD]


@pytest.mark.django_db
def test_setup_is_idempotent(home, newsroom):
    setup_newsroom(home)
    setup_newsroom(home)
    assert Group.objects.filter(name__in=[REPORTERS, BOARD]).count() == 2
    assert Workflow.objects.filter(name=WORKFLOW).count() == 1


@pytest.mark.django_db
def test_admin_is_in_vietnamese(client, newsroom):
    client.force_login(newsroom[0])
    html = client.get("/admin/").content.decode()
    assert 'lang="vi"' in html
