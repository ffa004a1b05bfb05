"""Who works the radio desk, on top of the newsroom's groups (news.roles): reporters handle
submitted stories and build programmes; the board also deletes and records what the province
used. Idempotent, like setup_newsroom."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from news.roles import BOARD, REPORTERS

REPORTER_MODELS = {
    "submission": ["view", "change"],
    "submissionfile": ["view", "change"],
    "programme": ["view", "add", "change"],
    "rundownitem": ["view", "add", "change", "delete"],
    "slot": ["view"],
    "contribution": ["view", "add", "change"],
}
BOARD_ACTIONS = ["view", "add", "change", "delete"]
BOARD_MODELS = list(REPORTER_MODELS)


def _permissions(models):
    return Permission.objects.filter(
        content_type__app_label="radio",
        codename__in=[
            f"{action}_{model}" for model, actions in models.items() for action in actions
        ],
    )


@transaction.atomic
def setup_radio_desk():
    """Grant the radio desk's permissions to the newsroom's groups (run setup_newsroom first)."""
    reporters = Group.objects.get(name=REPORTERS)
    board = Group.objects.get(name=BOARD)
    reporters.permissions.add(*_permissions(REPORTER_MODELS))
    board.permissions.add(*_permissions(dict.fromkeys(BOARD_MODELS, BOARD_ACTIONS)))
    return reporters, board
