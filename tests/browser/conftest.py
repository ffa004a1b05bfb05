"""Debian's Chromium driven by Playwright against Django's live server.

Playwright is installed from PyPI, but never downloads a browser: it drives /usr/bin/chromium.
"""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab the size of a cheap phone, with `page.url_for(path)`."""
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, locale="vi-VN", base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def live_site(live_server, home):
    """The default Wagtail site answers on the live server's host and port."""
    from urllib.parse import urlparse

    from wagtail.models import Site

    address = urlparse(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    return home


@pytest.fixture
def editor_login(page, live_site, django_user_model):
    """Signs `page` into Wagtail's admin as a member of the editorial board; returns the user."""
    user = django_user_model.objects.create_superuser("bientap", "bientap@example.vn", "mat-khau-1")
    page.goto("/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return user
