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
from django.core.cache import cache, caches
from django.db import transaction

from .deferral import Deferral

CONTENT = "content"
VIEWS = "views"
TOPICS = (CONTENT, VIEWS)
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
    """The topic's version: a number (a time), also the feeds' and pages' Last-Modified."""
    remembered = getattr(_request, "versions", None)
    if remembered is None:
        return _read((topic,))[topic]
    if topic not in remembered:
        # A reader page shows both topics: read them in one round trip.
        remembered.update(_read(TOPICS if not remembered else (topic,)))
    return remembered[topic]


def _read(topics):
    if _unsaved:
        _save(_unsaved)
    keys = {f"version:{topic}": topic for topic in topics}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        cache.add(key, time.time(), None)
        found[key] = cache.get(key)
    # While the cache keeps nothing (Redis down), the clock: a version no other request has,
    # so that nothing kept before or during the outage is reused.
    return {topic: found[key] or time.time() for key, topic in keys.items()}


# Topics whose new version the cache did not take (Redis down): written when it answers again,
# or fragments of the old content would be reused once it is back.
_unsaved = set()


def _save(topics):
    for topic in list(topics):
        key, value = f"version:{topic}", time.time()
        cache.set(key, value, None)
        if cache.get(key) == value:
            _unsaved.discard(topic)
        else:
            _unsaved.add(topic)


def changed(topic=CONTENT):
    """Drop everything cached about `topic`.

    Again once the change is committed: a reader who read the old rows in between (inside the
    change's transaction) would otherwise have cached them under the new version. During an
    import, once at the end of each batch."""
    if _batched.note(topic):
        return

    def replace():
        _save({topic})
        (getattr(_request, "versions", None) or {}).pop(topic, None)

    replace()
    transaction.on_commit(replace)


def cached(name, compute, topics=(CONTENT,), timeout=FRAGMENT_SECONDS):
    """`compute()`, or its value from the cache while none of `topics` has changed."""
    versions = ":".join(str(version(topic)) for topic in topics)
    key = f"fragment:{versions}:{name}"
    # The versions are read from the shared cache; what they key, from this process's copy.
    store = caches["template_fragments"]
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, timeout)
    return value


_batched = Deferral("fragments_changed", lambda topics: [changed(topic) for topic in set(topics)])
# For the `defer_during_import` hook (website/wagtail_hooks.py).
deferred = _batched.deferred
