"""Which answers a shared cache (Varnish, docs/caching.md) may keep, and for how long; the
Site of a request from the cache; the Content-Security-Policy of reader pages and of the admin;
and the readers' 404 page in development."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.defaults import page_not_found
from wagtail.models import Site

from . import fragments

# Answers worth keeping: a page, or a page that is not there (until it is published, which
# purges its address).
SHAREABLE_STATUSES = {200, 404}


def is_shareable(request, response):
    """An anonymous reader's GET, answered without a cookie, outside the excluded paths."""
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in SHAREABLE_STATUSES
        # A session cookie may carry a login or an unlocked password-protected page.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not response.cookies
        and not any(request.path.startswith(path) for path in settings.SHARED_CACHE_EXCLUDED_PATHS)
        and not getattr(request, "is_preview", False)
    )


class SharedCacheMiddleware:
    """Reader pages get a shared lifetime and a Last-Modified; everything else is private.

    A view that sets its own Cache-Control keeps it. The ETag and the 304s come from Django's
    ConditionalGetMiddleware, which runs after this one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if is_shareable(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.BROWSER_CACHE_SECONDS,
                s_maxage=settings.SHARED_CACHE_SECONDS,
            )
            if not response.has_header("Last-Modified"):
                # Every reader page shows the site's chrome (latest stories, menu, office
                # details), so it is as new as the site's last published change.
                response["Last-Modified"] = http_date(int(fragments.version()))
        else:
            patch_cache_control(response, private=True)
        return response


def find_site(request):
    site = Site.find_for_request(request)
    if site is not None:
        # Routing starts from the site's home page: keep it, as its own type, with the site.
        # Its own fields are read only when the home page itself is shown (a query fewer for
        # every other page rendered afresh).
        site.root_page = site.root_page.specific_deferred
    return site


class CachedSiteMiddleware:
    """Wagtail looks up the request's Site (and then its home page) in the database on every
    request; this takes both from the cache, which saving a Site or publishing drops. The
    request reads each content version once (`fragments.request_scope`).

    After CommonMiddleware, which has refused hosts outside ALLOWED_HOSTS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request.get_host())[0]
        key = f"site:{hostname}:{request.get_port()}"
        with fragments.request_scope():
            request._wagtail_site = fragments.cached(key, lambda: find_site(request))
            return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """settings.CONTENT_SECURITY_POLICY, plus what Wagtail's admin needs under /admin/: inline
    scripts (its date pickers, inline panels and choosers' modal answers carry them) and
    image previews of files being uploaded (blob: addresses)."""

    ADMIN_ADDITIONS = {"script-src": ["'unsafe-inline'"], "img-src": ["blob:"]}

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.update = {**self.ADMIN_ADDITIONS, **(parts.update or {})}
        return parts


class FriendlyNotFoundMiddleware:
    """With DEBUG on (`make run`), an unknown address gets the readers' Vietnamese 404 page
    rather than Django's English debug page, unless DJANGO_DEBUG_404 asks for the latter."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def active():
        return settings.DEBUG and not settings.DEBUG_404

    def __call__(self, request):
        response = self.get_response(request)
        # No URL pattern matched: Django answered with its debug page before any view ran.
        if (
            response.status_code == 404
            and self.active()
            and getattr(request, "resolver_match", None) is None
        ):
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and self.active():
            return page_not_found(request, exception)
        return None
