"""Editors see which documents the live pages cite that the library lacks."""

import pytest
from django.contrib.auth.models import Group

from news.roles import BOARD, setup_newsroom

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/missing-documents/"


@pytest.fixture
def board_member(client, django_user_model, home):
    """A member of the editorial board (not an administrator), signed in."""
    setup_newsroom(home)
    user = django_user_model.objects.create_user("bientap", password="x")
    user.groups.add(Group.objects.get(name=BOARD))
    client.force_login(user)
    return user


def test_report_lists_missing_documents_with_the_pages_citing_them(
    client, board_member, make_document, citing_story
):
    make_document("05-CT/TW")
    citing_story("Chỉ thị số 05-CT/TW và Kế hoạch số 74-KH/HU, ngày 02-11-2017.", title="Tin một")
    citing_story("Thực hiện Kế hoạch 74-KH/HU", title="Tin hai")
    gone = citing_story("Kế hoạch số 49-KH/TU", title="Tin đã gỡ")
    gone.unpublish()

    response = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Văn bản được trích dẫn nhưng chưa có" in html
    assert "<code>kh-74-hu</code>" in html and "Kế hoạch 74-KH/HU" in html
    assert "Tin một" in html and "Tin hai" in html
    assert "05-CT/TW" not in html  # in the library
    assert "49-KH/TU" not in html  # cited only by a page readers no longer see


def test_adding_the_document_takes_it_off_the_report(
    client, board_member, make_document, citing_story
):
    citing_story("Kế hoạch số 74-KH/HU")
    make_document("74-KH/HU", kind="ke_hoach")
    html = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "74-KH/HU" not in html
    assert "Mọi văn bản" in html


def test_the_report_is_in_the_reports_menu(client, board_member):
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert REPORT in html
