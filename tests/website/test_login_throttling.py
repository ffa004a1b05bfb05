"""Admin sign-in is throttled per account and per address (django-axes) with a Vietnamese
answer, the lockout ends by itself, and Django's own admin is not a second way in."""

import time
from datetime import timedelta

import pytest

LOGIN = "/admin/login/"
PROXY = "10.0.0.2"  # nginx and Varnish, TRUSTED_PROXY_COUNT=2


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "bientap", password="dung-mat-khau", is_superuser=True
    )


def sign_in(client, password, username="bientap", address="203.0.113.7", **headers):
    client.logout()
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail(client, times, **kwargs):
    return [sign_in(client, "sai", **kwargs).status_code for _ in range(times)]


@pytest.mark.django_db
def test_wrong_passwords_lock_the_account_with_a_vietnamese_message(client, editor, settings):
    assert fail(client, settings.AXES_FAILURE_LIMIT - 1) == [200] * 4  # the form, with an error
    assert signed_in(sign_in(client, "dung-mat-khau"))  # below the limit, and it resets

    assert fail(client, settings.AXES_FAILURE_LIMIT)[-1] == 429
    locked = sign_in(client, "dung-mat-khau")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Đăng nhập tạm khóa" in html
    assert "15 phút" in html
    # The account is locked from another address too; the address for another account.
    assert sign_in(client, "dung-mat-khau", address="198.51.100.9").status_code == 429
    assert sign_in(client, "x", username="khac").status_code == 429


@pytest.mark.django_db
def test_another_account_from_another_address_is_unaffected(
    client, editor, django_user_model, settings
):
    django_user_model.objects.create_user("phongvien", password="mat-khau-khac")
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert signed_in(sign_in(client, "mat-khau-khac", username="phongvien", address="198.51.100.9"))


@pytest.mark.django_db
def test_the_lockout_ends_by_itself(client, editor, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "dung-mat-khau").status_code == 429
    time.sleep(1.5)
    assert signed_in(sign_in(client, "dung-mat-khau"))


@pytest.mark.django_db
def test_addresses_are_the_ones_the_trusted_proxies_saw(
    client, editor, django_user_model, settings
):
    """Behind nginx and Varnish every request comes from the proxy: the lock falls on the
    address they report, and a client's own X-Forwarded-For entries do not dodge it."""
    settings.TRUSTED_PROXY_COUNT = 2
    django_user_model.objects.create_user("phongvien", password="mat-khau-khac")
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(
            client,
            "sai",
            username=f"doan-{n}",
            address=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7, {PROXY}",
        )
    from_attacker = sign_in(
        client,
        "mat-khau-khac",
        username="phongvien",
        address=PROXY,
        HTTP_X_FORWARDED_FOR=f"192.0.2.99, 203.0.113.7, {PROXY}",
    )
    assert from_attacker.status_code == 429
    from_reader = sign_in(
        client,
        "mat-khau-khac",
        username="phongvien",
        address=PROXY,
        HTTP_X_FORWARDED_FOR=f"198.51.100.9, {PROXY}",
    )
    assert signed_in(from_reader)


@pytest.mark.django_db
def test_djangos_admin_is_not_a_second_sign_in_page(client, home):
    assert client.get("/django-admin/login/").status_code == 404
