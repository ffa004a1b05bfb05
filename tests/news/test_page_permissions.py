"""Who may edit and delete which page, through the real admin: reporters their own unpublished
pages only; the board everything in the newsroom, and a deletion by anyone but an
administrator archives the page (unpublished, moved under “Lưu trữ”, logged, restorable)."""

import pytest
from wagtail.models import PageLogEntry

from news.archive import ARCHIVE_ACTION, archive_root
from news.models import ArticlePage
from news.roles import REPORTERS
from tests.factories import ArticlePageFactory


@pytest.fixture
def draft(section):
    """An unpublished story with a revision, written by `owner`."""

    def make(owner):
        story = ArticlePageFactory(parent=section, owner=owner, live=False)
        story.save_revision(user=owner)
        return story

    return make


def delete(client, user, page):
    client.force_login(user)
    return client.post(f"/admin/pages/{page.pk}/delete/")


def is_denied(response):
    """Wagtail's admin answers a forbidden page with a redirect to its dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


@pytest.mark.django_db
def test_a_reporter_can_neither_edit_nor_delete_another_reporters_draft(
    client, newsroom, member, draft
):
    reporter, _ = newsroom
    colleague = member(REPORTERS, "phongvien2")
    story = draft(colleague)
    client.force_login(reporter)
    assert is_denied(client.get(f"/admin/pages/{story.pk}/edit/"))
    assert is_denied(delete(client, reporter, story))
    story.refresh_from_db()
    assert story.get_parent().pk == story.section_id  # still in its section, untouched


@pytest.mark.django_db
def test_a_reporter_cannot_delete_a_published_story_even_their_own(client, newsroom, make_story):
    reporter, _ = newsroom
    story = make_story(owner=reporter)
    assert is_denied(delete(client, reporter, story))
    story.refresh_from_db()
    assert story.live


@pytest.mark.django_db
def test_a_reporter_edits_their_own_draft_and_deleting_it_archives_it(
    client, newsroom, draft, section
):
    reporter, board = newsroom
    story = draft(reporter)
    client.force_login(reporter)
    assert client.get(f"/admin/pages/{story.pk}/edit/").status_code == 200
    confirm = client.get(f"/admin/pages/{story.pk}/delete/")
    assert "Lưu trữ" in confirm.content.decode()
    assert delete(client, reporter, story).status_code == 302
    story.refresh_from_db()
    assert story.get_parent().pk == archive_root().pk
    assert not story.permissions_for_user(reporter).can_edit()  # out of the reporter's reach
    assert story.permissions_for_user(board).can_move_to(section)  # the board can restore it


@pytest.mark.django_db
def test_the_boards_deletion_archives_the_page_logged_and_restorable(
    client, newsroom, make_story, section
):
    _, board = newsroom
    story = make_story(title="Hội nghị học tập Nghị quyết")
    story.save_revision(user=board)
    revisions = story.revisions.count()
    url = story.url

    response = delete(client, board, story)
    assert response.status_code == 302
    story.refresh_from_db()
    archive = archive_root()
    assert story.get_parent().pk == archive.pk and not story.live
    assert story.revisions.count() == revisions  # history kept
    entry = PageLogEntry.objects.get(page=story, action=ARCHIVE_ACTION)
    assert entry.user == board and entry.data["parent"]["id"] == section.pk
    assert client.get(url).status_code == 404  # gone for readers
    client.logout()
    assert client.get(url).status_code == 404

    # The board moves it back and publishes it again.
    client.force_login(board)
    moved = client.post(f"/admin/pages/{story.pk}/move/{section.pk}/confirm/")
    assert moved.status_code == 302
    story.refresh_from_db()
    story.get_latest_revision().publish(user=board)
    client.logout()
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_board_cannot_delete_for_good_but_an_administrator_can(
    client, newsroom, make_story, admin_user
):
    _, board = newsroom
    story = make_story()
    delete(client, board, story)
    response = delete(client, board, story)  # again, from the archive
    assert response.status_code == 302
    assert ArticlePage.objects.filter(pk=story.pk).exists()

    delete(client, admin_user, story)
    assert not ArticlePage.objects.filter(pk=story.pk).exists()


@pytest.mark.django_db
def test_deleting_several_pages_at_once_archives_them(client, newsroom, make_story, section):
    _, board = newsroom
    stories = [make_story(), make_story()]
    client.force_login(board)
    ids = "&".join(f"id={story.pk}" for story in stories)
    response = client.post(
        f"/admin/bulk/wagtailcore/page/delete/?{ids}&childOf={section.pk}",
        {"confirm": "1"},
    )
    assert response.status_code == 302
    archive = archive_root()
    for story in stories:
        story.refresh_from_db()
        assert story.get_parent().pk == archive.pk and not story.live
