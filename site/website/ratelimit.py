"""Who is asking (the client's address behind our proxies), and fixed-window rate limits that
hold on every cache backend Django ships (memory, file, Redis).

A window starts at a name's first try and ends `window` seconds later, whatever happens in
between. The clock and the window's start, kept in the cache, decide which window a try falls
in; the cache's expiry only sweeps old keys. That matters because `incr` may reset a key's
expiry: Django's file cache re-saves the key with its default timeout (5 minutes), which made
the window end 5 minutes after the last try.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The client's address: the one the nearest trusted proxy saw (settings.TRUSTED_PROXY_COUNT
    proxies, nginx and Varnish in production, each append to X-Forwarded-For), else the
    connection's. Entries further left are the client's own say and are never trusted."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if hops and forwarded:
        return forwarded[-min(hops, len(forwarded))]
    return request.META.get("REMOTE_ADDR") or None


def count_try(name, window):
    """Count one try for `name`; return how many tries its current window has seen."""
    now = time.time()
    start_key = f"rate:{name}:start"
    start = cache.get(start_key)
    if start is None:
        # Of two first tries at once, the first to add its start wins.
        cache.add(start_key, now, math.ceil(window))
        start = cache.get(start_key, now)
    elif now >= start + window:
        # The cache rounded the expiry up (Redis counts whole seconds): the window is over.
        start = now
        cache.set(start_key, start, math.ceil(window))
    left = math.ceil(start + window - now)
    count_key = f"rate:{name}:{start!r}"
    cache.add(count_key, 0, left)
    try:
        count = cache.incr(count_key)
    except ValueError:  # swept between add and incr (a full file cache culls keys)
        cache.set(count_key, 1, left)
        return 1
    cache.touch(count_key, left)  # the expiry `incr` may have reset
    return count
