"""Settings for the trade-deal tracker.

Everything that differs between a laptop and production is read from the environment through
the small strict helpers below: a value that cannot be understood stops the start with a clear
error instead of being guessed. The defaults suit a local run; `.env.example` lists every variable.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return the variable as a string, or `default` when unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Return the variable as a boolean; anything but a clear yes or no is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """Return the variable as an integer of at least `minimum`."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_float(name: str, default: float, *, minimum: float, maximum: float) -> float:
    """Return the variable as a number between `minimum` and `maximum`."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}, not {value}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated variable as a list of non-empty, stripped items."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_url(name: str, default: str, *, schemes: tuple[str, ...]) -> str:
    """Return the variable as a URL whose scheme is one of `schemes`."""
    value = env_str(name, default).strip()
    if value and urlsplit(value).scheme not in schemes:
        raise ImproperlyConfigured(f"{name} must be a {' or '.join(schemes)} URL, not {value!r}")
    return value


# --- Core --------------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)

_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY in ("", _DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes=("http", "https")).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "deals",
]

MIDDLEWARE = [
    # Outermost: errors Django renders as pages become problem details under /api/.
    "deals.api.problems.ProblemDetailsMiddleware",
    # Before anything reads a cookie or the query: NUL characters never reach the database.
    "deals.middleware.RefuseNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "deals.context_processors.frame_links",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and a worker write to the same file: wait for the lock rather than fail,
    # take it when a transaction starts (no deadlock upgrading a read lock), and let readers
    # run beside a writer.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }
    # The pipeline tests run a real worker process, which cannot see an in-memory database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server let PostgreSQL keep the plan of a query a connection has
    # run this many times (psycopg prepares it), so a page's repeated queries skip the planner,
    # which costs more than running them. Connections are kept (conn_max_age), and their plans
    # with them. 0 turns it off, as a pooler without prepared statements needs.
    _prepare_after = env_int("DATABASE_PREPARE_AFTER", 2)
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": _prepare_after > 0,
        "prepare_threshold": _prepare_after or None,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, broker and tasks -------------------------------------------------------------------

REDIS_URL = env_url("REDIS_URL", "", schemes=("redis", "rediss"))

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that is away must cost a request little: the site goes on without it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Without a broker, tasks run in the web process right after the request's commit, so the
# tracker works with nothing else installed. With REDIS_URL they go to the worker processes.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 60, minimum=1)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 30
# Redis re-delivers an unacknowledged task after the visibility timeout; keep it well above the
# longest task so a slow task is never run twice at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 4}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"

# --- Auth, sessions and security ---------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Email -------------------------------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Trade-deal tracker <tracker@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation and static files -----------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django gives its own loggers a console handler too; passed up to the root's, every line of
    # theirs (a 403 and its traceback) would print twice. Only the root prints.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}

# --- The tracker -------------------------------------------------------------------------------

# Largest article body accepted, in bytes of UTF-8.
TRACKER_MAX_ARTICLE_BYTES = env_int("TRACKER_MAX_ARTICLE_BYTES", 1_000_000, minimum=1)

# --- Reader pages and following ----------------------------------------------------------------

# Readers sign in on the site's own pages, not the admin's.
LOGIN_URL = "deals:login"

# Sent on every response: only the site's own scripts, styles, images and forms. Ingested text
# is escaped anyway; this stops a script if an escaping mistake ever slips through.
TRACKER_CONTENT_SECURITY_POLICY = env_str(
    "TRACKER_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
)
if TRACKER_CONTENT_SECURITY_POLICY:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "deals.middleware.ContentSecurityPolicyMiddleware",
    )

# Deals per page of the deal list.
TRACKER_DEALS_PER_PAGE = env_int("TRACKER_DEALS_PER_PAGE", 25, minimum=1)

# The hour (in CELERY_TIMEZONE, UTC) at which daily digests are sent.
TRACKER_DIGEST_HOUR = env_int("TRACKER_DIGEST_HOUR", 7)
if TRACKER_DIGEST_HOUR > 23:
    raise ImproperlyConfigured(f"TRACKER_DIGEST_HOUR must be 0-23, not {TRACKER_DIGEST_HOUR}")

# Seconds a reader page rendered for visitors (not signed in) is kept in the cache, keyed by the
# version of the data it shows (deals.versions), so a change shows at once. 0 turns it off.
TRACKER_PAGE_CACHE_SECONDS = env_int("TRACKER_PAGE_CACHE_SECONDS", 300)
# Seconds the costly parts of reader pages (lists, filters, charts) are kept for everyone,
# signed in or not, keyed like the pages. 0 turns them off.
TRACKER_FRAGMENT_CACHE_SECONDS = env_int("TRACKER_FRAGMENT_CACHE_SECONDS", 300)
# Longest the counts over the whole archive (deals at each stage, the home page's chart) may lag
# the data: each is recounted at most this often, however often the data changes
# (deals.tallies). 0 counts them for every render.
TRACKER_TALLY_SECONDS = env_int("TRACKER_TALLY_SECONDS", 60)
# Longest a web process keeps the data version it read (deals.versions) without reading it
# again: a change the tracker commits shows at once in the process that made it and, through
# Redis, in every other; one made by hand in the database, or by another process while there is
# no Redis, within this. 0 reads it at every request.
TRACKER_DATA_VERSION_SECONDS = env_int("TRACKER_DATA_VERSION_SECONDS", 2)

# --- The API and webhooks (area: api) ----------------------------------------------------------

_THROTTLE_RATE = re.compile(r"\d+/(s|sec|second|m|min|minute|h|hour|d|day)")


def env_throttle_rate(name: str, default: str) -> str:
    """Return the variable as a DRF throttle rate such as `120/minute`."""
    value = env_str(name, default).strip()
    if not _THROTTLE_RATE.fullmatch(value):
        raise ImproperlyConfigured(f"{name} must be a rate such as 120/minute, not {value!r}")
    return value


# Items per page of the API's lists, and the most a client may ask for with `page_size`.
TRACKER_API_PAGE_SIZE = env_int("TRACKER_API_PAGE_SIZE", 50, minimum=1)
TRACKER_API_MAX_PAGE_SIZE = env_int("TRACKER_API_MAX_PAGE_SIZE", 500, minimum=1)
# Seconds shared caches and clients may reuse a public API response without asking again.
TRACKER_API_CACHE_SECONDS = env_int("TRACKER_API_CACHE_SECONDS", 15)
# Longest a validator (ETag) stays valid, in seconds: in-place edits of reference rows (a party
# renamed) leave no cheap trace, so every validator is renewed at least this often.
TRACKER_API_VALIDATOR_SECONDS = env_int("TRACKER_API_VALIDATOR_SECONDS", 300, minimum=1)
# The `X-Poll-Interval` the changes feed suggests to polling clients, in seconds.
TRACKER_API_POLL_INTERVAL = env_int("TRACKER_API_POLL_INTERVAL", 60, minimum=1)
# Requests allowed per client address (anonymous) and per token (authenticated).
TRACKER_API_THROTTLE_ADDRESS = env_throttle_rate("TRACKER_API_THROTTLE_ADDRESS", "120/minute")
TRACKER_API_THROTTLE_TOKEN = env_throttle_rate("TRACKER_API_THROTTLE_TOKEN", "600/minute")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "deals.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reads are public; every write needs a token (or an editor's session, with CSRF).
    "DEFAULT_PERMISSION_CLASSES": ["deals.api.permissions.WritesNeedToken"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["deals.api.parsers.JSONParser"],
    # Every error as problem details (RFC 9457), whatever format was asked for.
    "EXCEPTION_HANDLER": "deals.api.problems.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "deals.api.pagination.PagePagination",
    "PAGE_SIZE": TRACKER_API_PAGE_SIZE,
    "DEFAULT_THROTTLE_CLASSES": [
        "deals.api.throttling.AddressRateThrottle",
        "deals.api.throttling.TokenRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "address": TRACKER_API_THROTTLE_ADDRESS,
        "token": TRACKER_API_THROTTLE_TOKEN,
    },
    # How many proxies in front of the site append to X-Forwarded-For; unset: the peer address.
    "NUM_PROXIES": env_int("TRACKER_API_NUM_PROXIES", 0) or None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Trade-deal tracker API",
    "DESCRIPTION": (
        "Trade deals and trade measures, their stages and the sources behind every change. "
        "Reads are public; writes need a token (`Authorization: Token <key>`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The interactive docs are served from the app's own static files: no outside CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DealKindEnum": "deals.models.DealKind",
        "PartyKindEnum": "deals.models.PartyKind",
        "EntryKindEnum": "deals.models.EntryKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "deals.api.schema.document_common_responses",
    ],
}

# Let webhooks target loopback addresses (tests and local development only).
TRACKER_WEBHOOKS_ALLOW_LOOPBACK = env_bool("TRACKER_WEBHOOKS_ALLOW_LOOPBACK", False)
# Seconds a receiver has to answer one delivery.
TRACKER_WEBHOOKS_TIMEOUT_SECONDS = env_int("TRACKER_WEBHOOKS_TIMEOUT_SECONDS", 10, minimum=1)
# Retries wait this many seconds, doubled after each failure, up to the maximum.
TRACKER_WEBHOOKS_RETRY_BASE_SECONDS = env_int("TRACKER_WEBHOOKS_RETRY_BASE_SECONDS", 30)
TRACKER_WEBHOOKS_RETRY_MAX_SECONDS = env_int("TRACKER_WEBHOOKS_RETRY_MAX_SECONDS", 6 * 3600)
# Attempts at one delivery before it is given up (at the default delays, about three and a half
# days: a receiver that stays down has its subscription disabled first, below).
TRACKER_WEBHOOKS_MAX_ATTEMPTS = env_int("TRACKER_WEBHOOKS_MAX_ATTEMPTS", 24, minimum=1)
# A subscription whose deliveries have failed for this many days is disabled and its owner told.
TRACKER_WEBHOOKS_DISABLE_AFTER_DAYS = env_int("TRACKER_WEBHOOKS_DISABLE_AFTER_DAYS", 3, minimum=1)

# --- The ingestion pipeline --------------------------------------------------------------------

_DOMAIN = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*")


def env_domains(name: str) -> list[str]:
    """Return a comma-separated variable as a list of lower-case domain names."""
    domains = [item.lower().rstrip(".") for item in env_list(name)]
    for domain in domains:
        if not _DOMAIN.fullmatch(domain):
            raise ImproperlyConfigured(
                f"{name} must list domain names (reuters.com), not {domain!r}"
            )
    return domains


# Domains whose pages the tracker fetches itself (articles submitted by URL alone) and accepts
# without an editor when the parser is confident enough; reuters.com covers www.reuters.com. The
# page's address after redirects counts; an outlet or URL a client types grants nothing.
TRACKER_TRUSTED_DOMAINS = env_domains("TRACKER_TRUSTED_DOMAINS")
if "TRACKER_TRUSTED_OUTLETS" in os.environ:
    raise ImproperlyConfigured(
        "TRACKER_TRUSTED_OUTLETS is no longer read: outlet names grant no trust. List the domains "
        "whose pages the tracker fetches itself in TRACKER_TRUSTED_DOMAINS, and mark trusted "
        "accounts in the admin (Contributors)."
    )
TRACKER_AUTO_ACCEPT_CONFIDENCE = env_float(
    "TRACKER_AUTO_ACCEPT_CONFIDENCE", 0.8, minimum=0.0, maximum=1.0
)
# An article still queued after this many seconds lost its message (a broker restart, a failed
# send): the sweeper queues it again. One still parsing after the hard time limit lost its worker.
TRACKER_REQUEUE_AFTER = env_int("TRACKER_REQUEUE_AFTER", 300, minimum=1)
# Attempts at parsing one article before it is marked failed.
TRACKER_MAX_PARSE_ATTEMPTS = env_int("TRACKER_MAX_PARSE_ATTEMPTS", 5, minimum=1)
# Articles submitted by URL are fetched by the workers: seconds a site has to send the page (whose
# size is capped by TRACKER_MAX_ARTICLE_BYTES), and whether loopback addresses may be fetched
# (tests and local development only; private and link-local addresses never are).
TRACKER_FETCH_TIMEOUT_SECONDS = env_int("TRACKER_FETCH_TIMEOUT_SECONDS", 15, minimum=1)
TRACKER_FETCH_ALLOW_LOOPBACK = env_bool("TRACKER_FETCH_ALLOW_LOOPBACK", False)
if TRACKER_FETCH_ALLOW_LOOPBACK and not DEBUG:
    # It would let anyone who can submit a URL or a feed reach the tracker's own machine.
    raise ImproperlyConfigured(
        "TRACKER_FETCH_ALLOW_LOOPBACK is for tests and development only: leave it unset with "
        "DEBUG=false."
    )

# --- News sources --------------------------------------------------------------------------------

# Editors add feeds in the admin; beat queues a poll of each one that is due. A poll has this many
# seconds and bytes (after decompression) for the whole feed, redirects included; loopback feeds
# follow TRACKER_FETCH_ALLOW_LOOPBACK like article pages.
TRACKER_SOURCES_TIMEOUT_SECONDS = env_int("TRACKER_SOURCES_TIMEOUT_SECONDS", 20, minimum=1)
TRACKER_SOURCES_MAX_FEED_BYTES = env_int("TRACKER_SOURCES_MAX_FEED_BYTES", 5_000_000, minimum=1)
# A failing source waits its poll interval doubled after each failure, at most this long.
TRACKER_SOURCES_MAX_BACKOFF_SECONDS = env_int(
    "TRACKER_SOURCES_MAX_BACKOFF_SECONDS", 6 * 3600, minimum=60
)
# A source failing for this long is flagged to editors in the admin.
TRACKER_SOURCES_FLAG_AFTER_HOURS = env_int("TRACKER_SOURCES_FLAG_AFTER_HOURS", 24, minimum=1)
# Feeds `poll_sources` downloads at once; in the workers each poll is one task.
TRACKER_SOURCES_CONCURRENCY = env_int("TRACKER_SOURCES_CONCURRENCY", 16, minimum=1)

# --- Periodic tasks ------------------------------------------------------------------------------

# Every sweeper and scheduled send, in one place: each queues again what a lost message or a dead
# worker left behind (deals/services/announcements.py, deals/services/outbox.py,
# deals/tasks/articles.py), and beat queues a poll of each news source that is due
# (deals/services/sources.py). The outbox's sweeper queues every due email, digest email and
# webhook delivery; the daily digests open at TRACKER_DIGEST_HOUR.
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-articles": {
        "task": "deals.tasks.articles.requeue_stuck_articles",
        "schedule": 60.0,
    },
    "announce-stragglers": {"task": "deals.tasks.announce.announce_stragglers", "schedule": 60.0},
    "sweep-outbox": {"task": "deals.tasks.outbox.sweep_outbox", "schedule": 15.0},
    "send-daily-digests": {
        "task": "deals.tasks.following.send_daily_digests",
        "schedule": crontab(hour=TRACKER_DIGEST_HOUR, minute=0),
    },
    "poll-due-sources": {"task": "deals.tasks.sources.poll_due_sources", "schedule": 30.0},
}
