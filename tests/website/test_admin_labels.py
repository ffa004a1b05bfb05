"""Labels Wagtail's admin would show in English whatever the language: column headers named
after fields, and permission names as Django stores them."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse


@pytest.fixture
def administrator(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "mk-dai-2018")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_sites_list_names_its_columns_in_vietnamese(administrator):
    response = administrator.get(reverse("wagtailsites:index"))
    headers = [th.strip() for th in response.content.decode().split("<th")[1:]]
    text = " ".join(headers)
    for vietnamese in ("Cổng", "Tên trang web", "Trang gốc"):
        assert vietnamese in text
    for english in ("Port", "Site name", "Root page"):
        assert english not in text


@pytest.mark.django_db
def test_no_permission_an_administrator_sees_is_named_in_english(administrator):
    assert not Permission.objects.filter(name__startswith="Can ").exists()
    group = Group.objects.create(name="Phóng viên")
    page = administrator.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content
    page = page.decode()
    # The screen-reader labels of the permission boxes, and Wagtail's own permissions.
    assert "Thêm nhóm" in page and "Sửa người dùng" in page
    assert "Được truy cập trang quản trị Wagtail" in page
    assert "Can " not in page
