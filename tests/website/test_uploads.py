"""Corrupt, truncated or oversized image uploads get a Vietnamese form error, never a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images.models import Image as WagtailImage


def picture(kind, size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


EXTENSIONS = {"GIF": "gif", "JPEG": "jpg", "PNG": "png"}


def truncated(kind):
    data = picture(kind)
    return SimpleUploadedFile(f"anh.{EXTENSIONS[kind]}", data[: len(data) // 2])


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["GIF", "JPEG", "PNG"])
def test_a_truncated_image_in_the_add_form_is_a_form_error(editor_client, kind):
    response = editor_client.post(
        "/admin/images/add/", {"title": "Ảnh hỏng", "file": truncated(kind)}
    )
    assert response.status_code == 200
    assert "không đọc được" in response.content.decode()
    assert not WagtailImage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["GIF", "JPEG", "PNG"])
def test_a_truncated_image_in_the_multiple_upload_is_a_form_error(editor_client, kind):
    response = editor_client.post(
        "/admin/images/multiple/add/",
        {"files[]": truncated(kind)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "không đọc được" in answer["error_message"]
    assert not WagtailImage.objects.exists()


@pytest.mark.django_db
def test_an_image_over_the_pixel_limit_is_refused_in_vietnamese(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    big = SimpleUploadedFile("anh.png", picture("PNG", size=(200, 100)))
    response = editor_client.post("/admin/images/add/", {"title": "Ảnh lớn", "file": big})
    assert response.status_code == 200
    assert "quá nhiều điểm ảnh" in response.content.decode()
    assert not WagtailImage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["GIF", "JPEG", "PNG"])
def test_a_whole_image_is_stored(editor_client, kind):
    upload = SimpleUploadedFile(f"anh.{EXTENSIONS[kind]}", picture(kind))
    response = editor_client.post("/admin/images/add/", {"title": "Ảnh tốt", "file": upload})
    assert response.status_code == 302
    assert WagtailImage.objects.get().width == 64
