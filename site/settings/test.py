"""Fast, isolated settings for the test suite (the same module locally and in CI)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off, so tests that change data without publishing see it; tests/home/test_page_cache.py turns it on.
COP_PAGE_CACHE_SECONDS = 0
COP_FRONTEND_CACHE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
COP_FORM_RATE = "1000/m"
COP_SUGGEST_RATE = "10000/m"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
