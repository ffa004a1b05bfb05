"""What readers' pages share, kept in the cache until what it shows changes.

A version number per topic stands for "that data as it is now": CONTENT is replaced by the
signal handlers whenever a page is published, unpublished, moved or deleted, its privacy
changes, or the links or office settings change; VIEWS whenever view counts are written. Every
cached key holds the versions of the topics it shows, so one write drops every fragment, count
and feed that depends on it.
"""

import time

from django.core.cache import cache
from django.db import transaction

CONTENT = "content"
VIEWS = "views"
# A safety net for deployments whose processes do not share one cache.
FRAGMENT_SECONDS = 10 * 60


def version(topic=CONTENT):
    key = f"version:{topic}"
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time(), None)
        value = cache.get(key)
    return value


def changed(topic=CONTENT):
    """Drop everything cached about `topic`; the content version is also the feeds'
    Last-Modified.

    Again once the change is committed: a reader who read the old rows in between (inside the
    change's transaction) would otherwise have cached them under the new version."""

    def replace():
        cache.set(f"version:{topic}", time.time(), None)

    replace()
    transaction.on_commit(replace)


def cached(name, compute, topics=(CONTENT,), timeout=FRAGMENT_SECONDS):
    """`compute()`, or its value from the cache while none of `topics` has changed."""
    versions = ":".join(str(version(topic)) for topic in topics)
    key = f"fragment:{versions}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
