"""Embedded default for a developer's machine: SQLite, console e-mail, debug pages."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret-cop-czerwionka")
# Template and content edits show at once; set COP_PAGE_CACHE_SECONDS to try the page cache locally.
COP_PAGE_CACHE_SECONDS = env.int("COP_PAGE_CACHE_SECONDS", default=0)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
