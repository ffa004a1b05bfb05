"""Settings shared by every environment; each value that differs per deployment comes from the
environment (see the README's table)."""

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent.parent  # the repository root
VAR_DIR = BASE_DIR / "var"  # git-ignored: the embedded SQLite database and collected files


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG")
# With DEBUG on, unknown addresses still get the readers' 404 page; 1 shows Django's debug page.
DEBUG_404 = env_bool("DJANGO_DEBUG_404")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "website",
    "news",
    "exemplars",
    "media",
    "documents",
    "search",
    "radio",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "website.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "website.middleware.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Listed before the shared-cache policy so that it sees that policy's validators: it adds
    # the ETag and answers conditional GETs with 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "website.middleware.SharedCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "website.middleware.FriendlyNotFoundMiddleware",
    # Last, as django-axes requires: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it: a restarted database
        # costs readers no error.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A statement a connection has run this many times is prepared: PostgreSQL plans it for
    # its values five times more, then keeps one plan when it is as good (a reader page's
    # statements, read with every cache empty: 4–7 ms of PostgreSQL at 100,000 stories, most
    # of it planning, then 1–4 ms; docs/performance.md). Empty: never (a pooler in
    # transaction mode that cannot keep prepared statements).
    prepare_threshold = os.environ.get("DJANGO_DB_PREPARE_THRESHOLD", "5").strip()
    if prepare_threshold:
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "server_side_binding": True,
            "prepare_threshold": int(prepare_threshold),
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes counts failed logins before Django checks the password. Its variant that is
# also a ModelBackend, because tools that log a user in with the first backend (Wagtail's
# page tests) need it to find users again.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT wrong passwords for one account, or from one address, that account
# or address may not log in (even with the right password) until AXES_COOLOFF_MINUTES after
# the last try. Counted in the database, so every process and machine agrees.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The address the feedback rate limit uses too: X-Forwarded-For only as far as
# TRUSTED_PROXY_COUNT proxies vouch for it.
AXES_CLIENT_IP_CALLABLE = "website.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "website/login_locked.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese for every reader whatever their browser says (no LocaleMiddleware); editors may
# pick another admin language in their Wagtail account settings.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_USER_LOGIN_FORM = "website.forms.LoginForm"  # its password field labelled
WAGTAIL_I18N_ENABLED = False
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# The project's own catalogues first (the first entry wins; apps' own catalogues would lose to
# any entry here), so a Wagtail message with the same English ("Show", "Section") never changes
# what readers see; then Wagtail's admin in Vietnamese (`make messages`, docs/glossary.md),
# which Django prefers to Wagtail's incomplete catalogue.
LOCALE_PATHS = [
    PROJECT_DIR / "locale",
    *(BASE_DIR / app / "locale" for app in ("news", "exemplars", "media", "search")),
    BASE_DIR / "locale",
]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"

# Uploads live outside the source tree unless MEDIA_ROOT says otherwise.
_data_home = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", _data_home / "kienluong-news" / "uploads"))
MEDIA_URL = "/uploads/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Several application machines share one Redis (feeds, fragments, rate limits, view-count
# buffers); without REDIS_URL each process keeps its own memory cache (production may use a
# per-host file cache, see production.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "website.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", "kienluong"),
            # Redis answers within a millisecond; one that hangs must not hold a reader
            # longer than this (website.cache.RedisCache then does without it for a while).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kienluong",
        }
    }


def code_release():
    """What this code is: DJANGO_RELEASE (a deploy's commit or number), or else a hash of the
    project's code, templates and catalogues (about 40 ms when a process starts)."""
    if release := os.environ.get("DJANGO_RELEASE"):
        return release
    digest = hashlib.blake2b(digest_size=8)
    skipped = {"var", "tests", "docs", "benchmarks", "node_modules", "__pycache__"}
    for folder, folders, files in os.walk(BASE_DIR):
        folders[:] = sorted(f for f in folders if f not in skipped and not f.startswith("."))
        for name in sorted(files):
            if name.endswith((".py", ".html", ".mo", ".js", ".css")):
                path = Path(folder, name)
                digest.update(str(path.relative_to(BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


# Rendered fragments, keyed by the content version they were built from and by the code that
# rendered them (VERSION: after a deploy, pages are rendered by the new templates at once, not
# when their fragments expire): each process keeps a copy of what it read from the cache above
# (website.cache.LocalCopyCache, website.fragments). Django's {% cache %} tag uses this alias.
FRAGMENT_CACHE = {
    "BACKEND": "website.cache.LocalCopyCache",
    "LOCATION": "fragments",
    "TIMEOUT": 600,
    "VERSION": code_release(),
    # At most about 20 MB a process: a fragment takes 1–20 kB.
    "OPTIONS": {"SHARED": "default", "MAX_ENTRIES": 1000},
}
CACHES["template_fragments"] = FRAGMENT_CACHE

# The front cache (Varnish, deploy/varnish/default.vcl): what it may keep and how it is told
# that pages changed (docs/caching.md). Unset FRONTEND_CACHE_URL means no front cache to purge.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "website.frontend_cache.VarnishBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
# Seconds a shared cache may serve a reader page before asking again; a change is purged at
# once, so this only bounds how long the sidebar of other pages may lag (docs/caching.md).
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", "300"))
# Seconds a reader's browser reuses a page without asking again; 0 so that a reader going back
# to the home page sees a story published meanwhile (the cache answers the question with 304).
BROWSER_CACHE_SECONDS = int(os.environ.get("BROWSER_CACHE_SECONDS", "0"))
# Paths never stored by a shared cache: the admin, per-reader answers, downloads streamed
# through Django's permission checks, search (unbounded, not purged).
SHARED_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/search/", "/reader/"]
# How many proxies in front of the application append the client's address to
# X-Forwarded-For (nginx and Varnish: 2); 0 trusts only the connection's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security headers on every answer (README, "Security"). The site loads nothing from other
# hosts: scripts only from our static files, no inline script on reader pages. Inline styles
# are allowed: the statistics charts colour their legend with style attributes and the 500
# page carries its own. Embedded videos (the story body's embed block) come from
# CSP_FRAME_SOURCES. The admin adds what Wagtail needs (website.middleware).
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES", "https://www.youtube.com,https://www.youtube-nocookie.com"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'", *CSP_FRAME_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Features no page of the site uses, refused to the page and to embedded frames.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

WAGTAIL_SITE_NAME = "Trang thông tin điện tử"
# The address readers reach the site at: the demo's Wagtail Site answers there (load_demo), and
# feeds, the sitemap and canonical links are built from that Site.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Recordings the radio desk takes from correspondents and keeps in the document library.
RADIO_AUDIO_EXTENSIONS = ["mp3", "m4a", "ogg", "wav"]
_DOCUMENTS = ["csv", "docx", "odt", "pdf", "xlsx", "txt", "mp4"]
WAGTAILDOCS_EXTENSIONS = [*_DOCUMENTS, *RADIO_AUDIO_EXTENSIONS]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Larger images are refused at upload: decoding one takes memory in proportion to its pixels
# (a small file can claim a huge picture). 40 megapixels holds any camera's photo.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("WAGTAILIMAGES_MAX_IMAGE_PIXELS", "40000000"))
# Uploads are decoded whole before they are stored; refusals are explained in Vietnamese.
WAGTAILIMAGES_IMAGE_FORM_BASE = "website.images.ImageForm"
# The admin loads nothing from other hosts: no Gravatar pictures, no check for new releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Django's Vietnamese locale names no input formats, so forms fall back to these: the admin's
# day-first dates must parse as typed (the default "%m/%d/%Y" would swap day and month).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Background work (Wagtail's reference index, image renditions) runs inline unless a
# deployment configures a queue. Pushes to Elasticsearch go through a durable queue in the
# database, so a change made while Elasticsearch is down is sent when it is back: run
# `manage.py search_worker` wherever ELASTICSEARCH_URL is set.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "search": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Site search (docs/search.md): Elasticsearch when ELASTICSEARCH_URL is set, else the database.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Seconds a reader waits for Elasticsearch before the database answers instead.
SEARCH_ELASTICSEARCH_TIMEOUT = float(os.environ.get("SEARCH_ELASTICSEARCH_TIMEOUT", "2"))
# Seconds the worker, a rebuild or a check waits for it: nobody is waiting on a page.
SEARCH_INDEXING_TIMEOUT = float(os.environ.get("SEARCH_INDEXING_TIMEOUT", "30"))
# Seconds searches go straight to the database after Elasticsearch failed to answer, before
# one search tries it again (search.service.Breaker).
SEARCH_BREAKER_SECONDS = float(os.environ.get("SEARCH_BREAKER_SECONDS", "30"))
SEARCH_INDEX_ALIAS = os.environ.get("SEARCH_INDEX_ALIAS", "kienluong-content")
# Seconds before a push that failed because Elasticsearch was down is tried again.
SEARCH_RETRY_SECONDS = int(os.environ.get("SEARCH_RETRY_SECONDS", "60"))

# How long a story's view hits stay in memory before they are written in one batch.
NEWS_VIEW_FLUSH_SECONDS = int(os.environ.get("NEWS_VIEW_FLUSH_SECONDS", "60"))
# Reader feedback: how many messages one address may send in the window (seconds).
NEWS_FEEDBACK_RATE = (5, 3600)
# Radio desk, per address and window (seconds): stories sent in, tracking codes looked up.
RADIO_SUBMISSION_RATE = (5, 3600)
RADIO_LOOKUP_RATE = (30, 3600)
RADIO_MAX_AUDIO_SIZE = 50 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

SITE_TAGLINE = _("News from the district")
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # ASCII addresses survive every messaging app
