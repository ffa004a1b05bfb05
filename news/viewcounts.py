"""View counts for "most viewed" without a database write per request.

Hits are summed in memory per process and written in one short transaction at most every
NEWS_VIEW_FLUSH_SECONDS (and when the process exits).
"""

import atexit
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import F

from website import fragments

BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|preview|externalhit|fetch|curl|wget|python-requests|httpclient|headless",
    re.IGNORECASE,
)

_lock = threading.Lock()
_pending = Counter()
_last_flush = time.monotonic()


def is_bot(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not agent or bool(BOT_RE.search(agent))


def record_hit(request, page_id):
    if is_bot(request) or request.method != "GET":
        return
    with _lock:
        _pending[page_id] += 1
        due = time.monotonic() - _last_flush >= settings.NEWS_VIEW_FLUSH_SECONDS
    if due:
        flush()


def flush():
    """Write the hits gathered so far; returns how many pages were updated."""
    global _last_flush
    from .models import ArticlePage, ArticleViewCount

    with _lock:
        hits = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    live_ids = set(ArticlePage.objects.filter(pk__in=hits).values_list("pk", flat=True))
    hits = {pk: count for pk, count in hits.items() if pk in live_ids}  # deleted meanwhile
    if not hits:
        return 0
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
    """Forget unwritten hits (tests use this between cases)."""
    with _lock:
        _pending.clear()


atexit.register(lambda: _pending and flush())
