"""The production topology for real (scripts/topology.sh): nginx -> Varnish -> two application
processes with production settings, sharing only PostgreSQL and Redis, as two application
machines would. Loaded by tests/conftest.py, so browser tests can use it too.

The processes read the test database, so tests using it are transactional and need
PostgreSQL; scripts/test.sh runs them in its PostgreSQL pass.
"""

import os
import re
import shlex
import subprocess
from urllib.parse import urlparse

import pytest
import redis
import requests

from tests.helpers import FLUSH_SECONDS, ROOT, database_url, post_form

BROWSER = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/topology/" in str(item.fspath):
            item.add_marker(pytest.mark.topology)


class Topology:
    def __init__(self, site_url, app_urls, varnish_url, redis_url):
        self.site_url = site_url
        self.app_urls = app_urls
        self.varnish_url = varnish_url
        self.redis_url = redis_url
        self.host = urlparse(site_url).netloc

    def get(self, path, base=None, **kwargs):
        """A reader's GET (through nginx and Varnish unless `base` names a machine)."""
        headers = {"User-Agent": BROWSER, **kwargs.pop("headers", {})}
        return requests.get((base or self.site_url) + path, headers=headers, timeout=30, **kwargs)

    def forget(self):
        """Empty Redis and the front cache: what a previous test left is gone."""
        redis.Redis.from_url(self.redis_url).flushdb()
        response = requests.request(
            "BAN", self.varnish_url + "/", headers={"Host": self.host, "X-Ban-Url": "^/"}
        )
        response.raise_for_status()


# One topology per test: a transactional test's flush gives content types new ids, which
# long-lived application processes would still hold in Django's cache (a 500 on their next
# write to the reference index).
@pytest.fixture
def topology(django_db_setup, django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("The topology tests need PostgreSQL (scripts/test.sh runs them there).")
    missing = [
        name
        for name in ("REDIS_URL", "VARNISH_URL", "VARNISH_BACKEND_PORTS")
        if not os.environ.get(name)
    ]
    if missing:
        pytest.fail(f"{', '.join(missing)} not set: start the services with scripts/services.sh")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "NEWS_VIEW_FLUSH_SECONDS": str(FLUSH_SECONDS),
        "REDIS_KEY_PREFIX": "topology-test",
    }
    script = str(ROOT / "scripts" / "topology.sh")
    started = subprocess.run(
        [script, "start"], env=env, capture_output=True, text=True, check=False, timeout=300
    )
    try:
        if started.returncode:
            pytest.fail(f"scripts/topology.sh did not start:\n{started.stderr}")
        exports = {
            name: shlex.split(value)[0]
            for name, value in re.findall(r"^export (\w+)=(.*)$", started.stdout, re.MULTILINE)
        }
        yield Topology(
            exports["SITE_URL"],
            exports["APP_URLS"].split(),
            os.environ["VARNISH_URL"],
            os.environ["REDIS_URL"],
        )
    finally:
        subprocess.run([script, "stop"], env=env, check=False, timeout=60)


@pytest.fixture
def cached_site(topology, transactional_db, home):
    """The topology serving `home` on the address readers use (nginx's), from empty caches."""
    from wagtail.models import Site

    address = urlparse(topology.site_url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    topology.forget()
    return topology


@pytest.fixture
def admin_on(django_user_model):
    """A signed-in admin session on one application machine: `admin_on(url)`."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    user = django_user_model.objects.create_superuser("quantri", "quantri@example.vn")
    # A hash the machines' production settings verify (the tests' own hasher is MD5).
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode("mat-khau-1", hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])

    def sign_in(base):
        session = requests.Session()
        session.headers["User-Agent"] = BROWSER
        session.base = base
        post_form(session, "/admin/login/", {"username": "quantri", "password": "mat-khau-1"})
        return session

    return sign_in
