"""View counts for "most viewed" without a database write per view.

Pages are served from the front cache, so a small script on the story page reports each view
to `count_view` (news/views.py). Hits are added to a counter per story in Django's cache —
Redis when several application machines share it (REDIS_URL), else the process's memory — and
written in one short transaction at most every NEWS_VIEW_FLUSH_SECONDS (and when the process
exits). A flush moves exactly what it read from a counter into the database (an atomic
decrement), so hits counted meanwhile, on any machine, stay for the next flush: the database
plus the counters always hold every hit.
"""

import atexit
import re
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from website import fragments

from .models import ArticlePage, ArticleViewCount

BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|preview|externalhit|fetch|curl|wget|python-requests|httpclient|headless",
    re.IGNORECASE,
)

_lock = threading.Lock()
# Stories this process counted since its last flush: the counters it must look at.
_dirty = set()
_last_flush = time.monotonic()


def is_bot(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not agent or bool(BOT_RE.search(agent))


def counter_key(page_id):
    return f"news:views:{page_id}"


def record_hit(request, page_id):
    if is_bot(request):
        return
    key = counter_key(page_id)
    try:
        cache.incr(key)
    except ValueError:  # the story's first hit since its counter was emptied
        if not cache.add(key, 1, None):
            cache.incr(key)  # another request created it meanwhile
    with _lock:
        _dirty.add(page_id)
        due = time.monotonic() - _last_flush >= settings.NEWS_VIEW_FLUSH_SECONDS
    if due:
        flush()


def flush():
    """Write the hits counted so far; returns how many stories were updated."""
    global _last_flush
    with _lock:
        page_ids = set(_dirty)
        _dirty.clear()
        _last_flush = time.monotonic()
    keys = {counter_key(pk): pk for pk in page_ids}
    hits = {keys[key]: count for key, count in cache.get_many(keys).items() if count}
    live_ids = set(ArticlePage.objects.filter(pk__in=hits).values_list("pk", flat=True))
    for page_id in hits.keys() - live_ids:  # deleted meanwhile, or never a story
        cache.delete(counter_key(page_id))
    hits = {pk: count for pk, count in hits.items() if pk in live_ids}
    if not hits:
        return 0
    for page_id, count in hits.items():
        cache.decr(counter_key(page_id), count)
    with transaction.atomic():
        existing = set(
            ArticleViewCount.objects.filter(page_id__in=hits).values_list("page_id", flat=True)
        )
        ArticleViewCount.objects.bulk_create(
            [ArticleViewCount(page_id=pk, views=0) for pk in hits.keys() - existing],
            ignore_conflicts=True,
        )
        for page_id, count in hits.items():
            ArticleViewCount.objects.filter(page_id=page_id).update(views=F("views") + count)
    fragments.changed(fragments.VIEWS)  # "Xem nhiều nhất" shows the new order
    return len(hits)


def discard():
    """Forget this process's unwritten hits (tests use this between cases)."""
    with _lock:
        _dirty.clear()


atexit.register(lambda: _dirty and flush())
