import pytest
from django.contrib.auth.models import Group

from news.roles import BOARD, REPORTERS, setup_newsroom


@pytest.fixture
def member(home, django_user_model):
    """A new user in one of the newsroom's groups (set up under `home`)."""
    setup_newsroom(home)

    def make(group, username):
        user = django_user_model.objects.create_user(username, password="pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def newsroom(member):
    """(a reporter, a member of the editorial board)."""
    return member(REPORTERS, "phongvien"), member(BOARD, "bientap")
