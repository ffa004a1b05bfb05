"""Security headers on every answer: reader pages, the admin, feeds; production's HTTPS
settings pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def policy(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


def assert_common_headers(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    return csp


@pytest.mark.django_db
def test_reader_page_allows_scripts_only_from_the_site_and_stays_cacheable(client, make_story):
    story = make_story()
    response = client.get(story.url)
    assert response.status_code == 200
    csp = assert_common_headers(response)
    assert csp["script-src"] == ["'self'"]  # no inline script, no nonce
    assert "https://www.youtube.com" in csp["frame-src"]  # embedded videos
    assert "public" in response["Cache-Control"]
    # The same headers for every reader: a cached copy is right for all of them.
    assert client.get(story.url)["Content-Security-Policy"] == response["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_allows_the_inline_scripts_wagtail_needs(admin_client, home):
    response = admin_client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    csp = assert_common_headers(response)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]


@pytest.mark.django_db
def test_feed_has_the_headers(client, make_story):
    make_story()
    response = client.get("/feeds/latest.rss")
    assert response.status_code == 200
    assert_common_headers(response)


def deploy_check(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            # Without the test run's own switches (the browser tests allow async-unsafe ORM
            # calls, which a deployment check rightly refuses).
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "website.settings.production",
            "DJANGO_SECRET_KEY": "x" * 30 + "production-like-secret-key-0123456789",
            **env,
        },
        capture_output=True,
        text=True,
    )


def test_production_defaults_pass_the_deployment_checks():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_hsts_and_the_https_redirect_can_be_turned_off_by_the_environment():
    result = deploy_check(DJANGO_HSTS_SECONDS="0", DJANGO_SSL_REDIRECT="0")
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout
