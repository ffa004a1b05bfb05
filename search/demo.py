"""The demo's search documents, rewritten from the demo content (idempotent)."""

from . import indexing


def load(stdout):
    count = indexing.refresh_all()
    stdout.write(f"search: {count} documents")
