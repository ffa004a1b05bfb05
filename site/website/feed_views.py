"""The feeds over HTTP: conditional GET, `?limit=`, and the page that lists them."""

import re

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Site

from . import feeds


class BadLimit(ValueError):
    pass


def parse_limit(request, feed_class):
    """`?limit=`: a whole number, brought within 1…max_limit; anything else is refused."""
    raw = request.GET.get("limit", "").strip()
    if not raw:
        return feed_class.default_limit
    if not re.fullmatch(r"-?[0-9]+", raw):
        raise BadLimit
    try:
        limit = int(raw)
    except ValueError:  # more digits than Python converts
        raise BadLimit from None
    return min(max(limit, 1), feed_class.max_limit)


def get_site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def find(feed_classes, name):
    feed_class = next((feed for feed in feed_classes if feed.name == name), None)
    if feed_class is None:
        raise Http404
    return feed_class


def serve(request, feed_class, fmt, **kwargs):
    try:
        limit = parse_limit(request, feed_class)
    except BadLimit:
        message = _("The limit must be a whole number from 1 to %(max)d.") % {
            "max": feed_class.max_limit
        }
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    feed = feed_class(request, get_site(request), limit, **kwargs)
    body, etag, last_modified = feed.document(fmt)
    response = HttpResponse(body, content_type=feeds.FORMATS[fmt])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # The shared lifetime of every reader page (website.middleware); a client asking again
    # with the ETag gets a 304.
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


@require_safe
def feed(request, name, fmt):
    return serve(request, find(feeds.site_feeds(), name), fmt)


@require_safe
def page_feed(request, name, slug, fmt):
    feed_class = find(feeds.page_feeds(), name)
    page = feed_class.pages(get_site(request)).filter(slug=slug).first()
    if page is None:
        raise Http404
    return serve(request, feed_class, fmt, page=page)


def addresses(feed_class, *args):
    return {fmt: feed_class.url(fmt, *args) for fmt in feeds.FORMATS}


@require_safe
def index(request):
    site = get_site(request)
    site_feeds = [
        {"title": feed.title, "description": feed.description, **addresses(feed)}
        for feed in feeds.site_feeds()
    ]
    page_feeds = [
        {
            "title": feed.title,
            "description": feed.description,
            "empty": feed.empty,
            "pages": [(page.title, addresses(feed, page)) for page in feed.pages(site)],
        }
        for feed in feeds.page_feeds()
    ]
    return render(
        request,
        "website/feeds.html",
        {"feeds": site_feeds, "page_feeds": page_feeds, "root_url": site.root_url},
    )
