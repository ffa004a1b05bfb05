import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", False)
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

# nginx terminates HTTPS and says so in X-Forwarded-Proto, overwriting whatever a client sent
# (deploy/nginx); Varnish passes it on.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# A plain-HTTP request is sent to HTTPS, and browsers are told to use only HTTPS from then on
# (for a year, subdomains included). Preloading is a decision for the domain's owner: browsers
# ship the list, and leaving it takes months; Django's reminder about it is silenced.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "website.staticfiles.StaticFilesStorage"
}
if os.environ.get("DJANGO_CACHE_DIR"):
    # A file cache is shared by every gunicorn worker on one host.
    CACHES["default"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["DJANGO_CACHE_DIR"],
    }
