"""Production: PostgreSQL, SMTP, Redis and HTTPS. Refuses to start without its secrets."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, INSTALLED_APPS, env

DEBUG = False


def _required(name: str) -> str:
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name} (see .env.example).")
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 random characters.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated host names).")
_required("DATABASE_URL")

# The public address in e-mail links (invitations with the set-password link, moderation notices) and in
# the API: never the development default. Without WAGTAILADMIN_BASE_URL, https:// and the first host name.
_concrete_hosts = [host.lstrip(".") for host in ALLOWED_HOSTS if host.lstrip(".") and "*" not in host]
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="").rstrip("/")
if not WAGTAILADMIN_BASE_URL:
    if not _concrete_hosts:
        raise ImproperlyConfigured("Set WAGTAILADMIN_BASE_URL (e.g. https://ngo.example.org).")
    WAGTAILADMIN_BASE_URL = f"https://{_concrete_hosts[0]}"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# HTTPS everywhere.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers may probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
}

# Shared cache: the rate-limit counters of every worker ("default", RATELIMIT_USE_CACHE) and the page
# cache ("pages", its own key prefix) in one Redis. Without REDIS_URL each worker has its own memory
# cache, so the page cache stays off (a purge would reach only one worker).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": False},
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in (("default", "cop"), ("pages", "cop-pages"))
    }
    COP_PAGE_CACHE_ALIAS = "pages"
COP_PAGE_CACHE_SECONDS = env.int("COP_PAGE_CACHE_SECONDS", default=300 if REDIS_URL else 0)
RATELIMIT_USE_CACHE = "default"

# Purging a reverse proxy or CDN on publish (wagtail.contrib.frontend_cache), see docs/operations.md:
# COP_FRONTEND_CACHE=http (Varnish, nginx with a purge module: COP_FRONTEND_CACHE_LOCATION) or
# COP_FRONTEND_CACHE=cloudflare (COP_CLOUDFLARE_BEARER_TOKEN, COP_CLOUDFLARE_ZONE_ID).
COP_FRONTEND_CACHE = env.str("COP_FRONTEND_CACHE", default="").lower()
if COP_FRONTEND_CACHE == "http":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": _required("COP_FRONTEND_CACHE_LOCATION"),
        }
    }
elif COP_FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": _required("COP_CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": _required("COP_CLOUDFLARE_ZONE_ID"),
        }
    }
elif COP_FRONTEND_CACHE:
    raise ImproperlyConfigured("COP_FRONTEND_CACHE must be empty, 'http' or 'cloudflare'.")
if COP_FRONTEND_CACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE_LANGUAGES = []
    # How long the proxy may keep a page between purges (s-maxage on cacheable pages only).
    COP_FRONTEND_CACHE_SECONDS = env.int("COP_FRONTEND_CACHE_SECONDS", default=300)

# SMTP.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)

# One JSON object per line on stdout (gunicorn/systemd/docker collect it); every record carries the
# request id, and cop.request adds method, path, status, duration_ms and cache per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "home.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "cop.request": {"level": "INFO"},
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Background tasks (staff e-mails, home/notifications.py): queued in the database by django-tasks-db and run
# by a separate worker process, `manage.py db_worker` (see README). TASKS_IMMEDIATE=true runs them inside
# the request instead (a small installation without a worker; a slow mail server then slows the visitor).
if env.bool("TASKS_IMMEDIATE", default=False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
