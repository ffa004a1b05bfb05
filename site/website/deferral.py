"""Work that an import (or the demo) does once at the end instead of once per page."""

import contextlib
from contextvars import ContextVar

from django.db import transaction


class Deferral:
    """Inside `deferred()`, `note(item)` keeps items for `flush(items)`, called once as the
    block ends, unless the block failed or its transaction is to be rolled back. An app
    registers `deferred` with the `defer_during_import` hook (website.importing)."""

    def __init__(self, name, flush):
        self._pending = ContextVar(name, default=None)
        self._flush = flush

    @contextlib.contextmanager
    def deferred(self):
        token = self._pending.set([])
        try:
            yield
            items = self._pending.get()
        finally:
            self._pending.reset(token)
        connection = transaction.get_connection()
        if items and not (connection.in_atomic_block and transaction.get_rollback()):
            self._flush(items)

    def note(self, item):
        """True if `item` is kept for the end of the block; False outside one (do it now)."""
        pending = self._pending.get()
        if pending is None:
            return False
        pending.append(item)
        return True
