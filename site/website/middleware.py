"""Which answers a shared cache (Varnish, docs/caching.md) may keep, and for how long; and the
readers' 404 page in development."""

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.defaults import page_not_found

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
