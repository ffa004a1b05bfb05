"""What readers' pages share, kept in the cache until what it shows changes.

A version number per topic stands for "that data as it is now": CONTENT is replaced by the
signal handlers whenever a page is published, unpublished, moved or deleted, its privacy
changes, or the links or office settings change; VIEWS whenever view counts are written. Every
cached key holds the versions of the topics it shows, so one write drops every fragment, count
and feed that depends on it.
"""

import contextlib
import time

from asgiref.local import Local
from django.core.cache import cache
from django.db import transaction

from .deferral import Deferral

CONTENT = "content"
VIEWS = "views"
# A safety net for deployments whose processes do not share one cache.
FRAGMENT_SECONDS = 10 * 60

# The versions one request has read (see `request_scope`).
_request = Local()


@contextlib.contextmanager
def request_scope():
    """Within it, each topic's version is read from the cache once: a page is built from one
    state of the site, and a reader page saves about ten cache round trips."""
    outer = getattr(_request, "versions", None)
    _request.versions = {}
    try:
        yield
    finally:
        _request.versions = outer


def version(topic=CONTENT):
    remembered = getattr(_request, "versions", None)
    if remembered and topic in remembered:
        return remembered[topic]
    key = f"version:{topic}"
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time(), None)
        value = cache.get(key)
    if remembered is not None:
        remembered[topic] = value
    return value


def changed(topic=CONTENT):
    """Drop everything cached about `topic`; the content version is also the feeds'
    Last-Modified.

    Again once the change is committed: a reader who read the old rows in between (inside the
    change's transaction) would otherwise have cached them under the new version. During an
    import, once at the end of each batch."""
    if _batched.note(topic):
        return

    def replace():
        cache.set(f"version:{topic}", time.time(), None)
        (getattr(_request, "versions", None) or {}).pop(topic, None)

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


_batched = Deferral("fragments_changed", lambda topics: [changed(topic) for topic in set(topics)])
# For the `defer_during_import` hook (website/wagtail_hooks.py).
deferred = _batched.deferred
