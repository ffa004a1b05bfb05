"""Cache backends: Django's Redis cache keeping one client per connection pool and riding out a
Redis outage, and a copy in each process of the fragments read from it."""

import functools
import logging
import time

from django.core.cache import caches
from django.core.cache.backends import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError


class RedisCacheClient(redis.RedisCacheClient):
    """Django builds a new `redis.Redis` for every cache call, and building one (its table of
    response callbacks) costs more CPU than the round trip itself: about 0.2 ms, twenty times
    on every reader page. A client is safe to share between threads (its pool hands out
    connections), so each pool keeps one.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


# Seconds a process leaves Redis alone after it failed to answer: one reader pays the socket
# timeout (settings: OPTIONS), the next ones answer at once without the cache.
PAUSE_SECONDS = 10
_paused_until = {}  # per server, for every cache instance of the process
logger = logging.getLogger(__name__)


def _tolerant(method, miss):
    """`method`, or `miss(*args)` (the answer of an empty cache that keeps nothing) while
    Redis is down, hanging or restarting: readers' pages are then built from the database."""

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if time.monotonic() < _paused_until.get(self._server_key, 0):
            return miss(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            logger.warning("Redis did not answer (%s); without it for %d s", error, PAUSE_SECONDS)
            _paused_until[self._server_key] = time.monotonic() + PAUSE_SECONDS
            return miss(*args, **kwargs)

    return call


def _nothing(*args, **kwargs):
    return None


def _refused(*args, **kwargs):
    return False


class RedisCache(redis.RedisCache):
    """Django's Redis cache with a kept client, which a Redis outage does not take down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._server_key = tuple(self._servers)

    get = _tolerant(redis.RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _tolerant(redis.RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _tolerant(redis.RedisCache.has_key, _refused)
    add = _tolerant(redis.RedisCache.add, _refused)
    set = _tolerant(redis.RedisCache.set, _nothing)
    set_many = _tolerant(redis.RedisCache.set_many, lambda *args, **kwargs: [])
    touch = _tolerant(redis.RedisCache.touch, _refused)
    delete = _tolerant(redis.RedisCache.delete, _refused)
    delete_many = _tolerant(redis.RedisCache.delete_many, _nothing)
    # As if the key had just been made: a rate limit lets the try through.
    incr = _tolerant(redis.RedisCache.incr, lambda key, delta=1, version=None: delta)
    clear = _tolerant(redis.RedisCache.clear, _nothing)


_MISSING = object()


class LocalCopyCache(LocMemCache):
    """A shared cache (OPTIONS["SHARED"], default "default") with a copy of what was read in
    each process, for keys whose value never changes: every fragment's key holds the content
    version it was built from (website.fragments, and the `version` of each `{% cache %}` block),
    so a kept copy can only stop being asked for, never be wrong. The versions themselves are
    always read from the shared cache. Saves a reader page about ten round trips to Redis, and
    their CPU on both sides.

    Django's `{% cache %}` tag uses the "template_fragments" alias when there is one.
    """

    def __init__(self, name, params):
        options = dict(params.get("OPTIONS", {}))
        self._shared_alias = options.pop("SHARED", "default")
        super().__init__(name, {**params, "OPTIONS": options})

    @property
    def _shared(self):
        return caches[self._shared_alias]

    def get(self, key, default=None, version=None):
        value = super().get(key, _MISSING, version)
        if value is _MISSING:
            value = self._shared.get(key, _MISSING, self._version(version))
            if value is _MISSING:
                return default
            super().set(key, value, version=version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._shared.set(key, value, timeout, self._version(version))
        super().set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self._shared.add(key, value, timeout, self._version(version))
        if added:
            super().set(key, value, timeout, version)
        return added

    def delete(self, key, version=None):
        super().delete(key, version)
        return self._shared.delete(key, self._version(version))

    def _version(self, version):
        """This cache's VERSION (the code's release) in the shared cache's keys too."""
        return self.version if version is None else version

    def clear(self):
        super().clear()
        self._shared.clear()
