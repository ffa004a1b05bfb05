"""Deleting a page in the admin archives it instead, unless an administrator does it: the page
is unpublished and moved, with its revisions and history, under “Lưu trữ”, a section outside
every Site (no reader address reaches it), from where the editorial board moves it back.
docs/roles.md."""

from django.db import transaction
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page

from website.pages import ensure_child

from .models import SectionPage

ARCHIVE_TITLE = "Lưu trữ"
ARCHIVE_SLUG = "luu-tru"
ARCHIVE_ACTION = "news.archive"


def archive_root():
    """The archive: a section (so an archived story keeps a section) under the tree's root,
    beside the sites' home pages, never published."""
    return ensure_child(
        Page.get_first_root_node(),
        SectionPage,
        match={"slug": ARCHIVE_SLUG},
        live=False,
        title=ARCHIVE_TITLE,
    )


def is_archived(page):
    archive = archive_root()
    return page.pk == archive.pk or page.is_descendant_of(archive)


@transaction.atomic
def archive_page(page, user):
    """Unpublish `page` and its descendants and move them into the archive, logged as one
    archive action by `user` (besides Wagtail's own unpublish and move entries)."""
    archive = archive_root()
    parent = page.get_parent()
    if page.live or page.get_descendants().live().exists():
        UnpublishPageAction(page, user=user, include_descendants=True).execute(
            skip_permission_checks=True
        )
    if archive.get_children().filter(slug=page.slug).exists():
        # Two archived pages may share a slug; siblings may not.
        Page.objects.filter(pk=page.pk).update(slug=f"{page.slug}-{page.pk}")
    MovePageAction(Page.objects.get(pk=page.pk), archive, pos="last-child", user=user).execute(
        skip_permission_checks=True
    )
    log(
        instance=page,
        action=ARCHIVE_ACTION,
        user=user,
        data={"parent": {"id": parent.pk, "title": parent.get_admin_display_title()}},
    )
