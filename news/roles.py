"""The newsroom's groups and its approval workflow, set up idempotently (load_demo and the
setup_newsroom command both call this)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .archive import archive_root

REPORTERS = "Phóng viên"
BOARD = "Ban biên tập"
WORKFLOW = "Duyệt tin"
APPROVAL_TASK = "Ban biên tập duyệt"

COMMON_PERMISSIONS = [("wagtailadmin", "access_admin")]
# Images and documents are granted per collection: both groups may use the whole library.
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
BOARD_PERMISSIONS = [
    ("news", "view_feedback"),
    ("news", "change_feedback"),
    ("news", "delete_feedback"),
    ("website", "add_websitelink"),
    ("website", "change_websitelink"),
    ("website", "delete_websitelink"),
    ("website", "change_officesettings"),
    ("website", "add_commune"),
    ("website", "change_commune"),
]
# Wagtail's ownership model: with "add" alone a reporter edits the pages they created, and
# deletes (archives, news.archive) those of them that are not published. docs/roles.md.
REPORTER_PAGE_PERMISSIONS = ["add_page"]
BOARD_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]


def _permissions(pairs):
    query = Permission.objects.none()
    for app_label, codename in pairs:
        query |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return list(query)


def _grant_pages(group, page, codenames):
    # Exactly these: a site set up before reporters lost change_page loses it too.
    GroupPagePermission.objects.filter(group=group, page=page).exclude(
        permission__codename__in=codenames
    ).delete()
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


@transaction.atomic
def setup_newsroom(news_root):
    """Reporters write and submit under `news_root`; the board approves and publishes."""
    reporters, _ = Group.objects.get_or_create(name=REPORTERS)
    board, _ = Group.objects.get_or_create(name=BOARD)
    common = _permissions(COMMON_PERMISSIONS)
    reporters.permissions.add(*common)
    board.permissions.add(*common, *_permissions(BOARD_PERMISSIONS))
    root_collection = Collection.get_first_root_node()
    for group in (reporters, board):
        for permission in _permissions(MEDIA_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    _grant_pages(reporters, news_root, REPORTER_PAGE_PERMISSIONS)
    _grant_pages(board, news_root, BOARD_PAGE_PERMISSIONS)
    # The board restores archived pages (moves them back) and may edit them meanwhile.
    _grant_pages(board, archive_root(), BOARD_PAGE_PERMISSIONS)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
    task.groups.set([board])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=news_root, defaults={"workflow": workflow})
    return reporters, board, workflow
