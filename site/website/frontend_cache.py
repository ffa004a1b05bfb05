"""Telling the front cache (Varnish) which pages changed; what goes when is in docs/caching.md.

Wagtail's frontend_cache purges a published or unpublished page's own address with an HTTP
PURGE. Whole groups of addresses — a listing with all its pages and filters, the feeds, the
sitemap, every page of a site — go with an HTTP BAN whose X-Ban-Url header is a regular
expression over the path; deploy/varnish/default.vcl turns it into a ban on that host.
"""

import logging
import re
from collections import defaultdict
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.db import transaction
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Site

from .deferral import Deferral

logger = logging.getLogger(__name__)

EVERYTHING = "^/"
# Addresses that list every page of a site.
SITE_WIDE_LISTINGS = ("^/feeds/", r"^/sitemap\.xml")


class BanRequest(Request):
    def get_method(self):
        return "BAN"


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (PURGE of one address) plus BAN by a pattern of paths."""

    def __init__(self, params):
        self.location = params["LOCATION"].rstrip("/")
        super().__init__(params)

    def ban(self, host, patterns):
        """One request for all `patterns` (one ban for Varnish to check stored copies against)."""
        pattern = "|".join(f"({pattern})" for pattern in patterns)
        request = BanRequest(self.location + "/", headers={"Host": host, "X-Ban-Url": pattern})
        try:
            urlopen(request, timeout=5)
        except (URLError, OSError) as error:
            # Publishing must not fail because the cache is down; the shared lifetime bounds
            # how long it may serve the old pages once it is back.
            logger.error("Could not ban %s %s from the front cache: %s", host, pattern, error)


def _ban_now(host, patterns):
    for backend in get_backends().values():
        if isinstance(backend, VarnishBackend) and backend.invalidates_hostname(host):
            backend.ban(host, patterns)


def ban(host, patterns):
    """Ban these path patterns on `host` once the current transaction is committed (before,
    a reader's request could put the old page back in the cache)."""
    if not get_backends() or not host:
        return
    patterns = [EVERYTHING] if EVERYTHING in patterns else sorted(set(patterns))
    transaction.on_commit(lambda: _ban_now(host, patterns))


def host_of(root_url):
    return urlsplit(root_url).netloc


def page_host_and_path(page):
    parts = page.get_url_parts()
    if parts is None:  # not routable: no address to purge
        return None, None
    _site_id, root_url, path = parts
    return host_of(root_url), path


def ban_site(site):
    ban(host_of(site.root_url), [EVERYTHING])


def ban_all_sites():
    for site in Site.objects.all():
        ban_site(site)


def published_patterns(page, listings=None):
    """What a new or revised page changes at once: its own addresses and those under it
    (their breadcrumbs show its title), every listing above it, the feeds and the sitemap.
    `listings` keeps the listings above each parent for pages published together."""
    host, path = page_host_and_path(page)
    if path is None:
        return None, []
    if page.show_in_menus and page.depth <= 3:
        # A top-level page in the menu that every page shows.
        return host, [EVERYTHING]
    listings = {} if listings is None else listings
    parent = page.path[: -page.steplen]
    if parent not in listings:
        listings[parent] = listings_above(page)
    return host, ["^" + re.escape(path), *SITE_WIDE_LISTINGS, *listings[parent]]


def listings_above(page):
    patterns = []
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific(defer=True):
        _host, ancestor_path = page_host_and_path(ancestor)
        if ancestor_path is None:
            continue
        if isinstance(ancestor, RoutablePageMixin):
            # Its statistics, reports and CSV files are computed over every page under it.
            patterns.append("^" + re.escape(ancestor_path))
        else:
            # The listing itself with any ?page= or filter.
            patterns.append("^" + re.escape(ancestor_path) + r"(\?.*)?$")
    return patterns


def page_published(page):
    if not get_backends() or _batched.note(page):
        return
    ban(*published_patterns(page))


def ban_published(pages):
    """One ban per site for pages published together (an import's batch)."""
    by_host, listings = defaultdict(set), {}
    for page in pages:
        host, patterns = published_patterns(page, listings)
        by_host[host].update(patterns)
    for host, patterns in by_host.items():
        ban(host, list(patterns))


_batched = Deferral("frontend_cache_published", ban_published)
# For the `defer_during_import` hook (website/wagtail_hooks.py).
deferred = _batched.deferred


def page_changed(page):
    """Only the page's own addresses: something shown on it alone changed (reader feedback)."""
    host, path = page_host_and_path(page)
    if path is not None:
        ban(host, ["^" + re.escape(path)])


def page_removed(page):
    """Unpublished, deleted, moved or made private: its title may be in any page's sidebar
    or menu, so the whole site goes."""
    host, _path = page_host_and_path(page)
    if host:
        ban(host, [EVERYTHING])
    else:  # already out of the tree: every site, to be safe
        ban_all_sites()
