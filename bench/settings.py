"""Settings of the benchmark: production-like (DEBUG off, real templates), in a throwaway database.

``bench/run.py`` sets ``DATABASE_URL``, ``COP_BENCH_DB_NAME`` (the throwaway database it creates and
drops) and ``COP_BENCH_MEDIA_ROOT`` (a temporary folder) before Django starts.
"""

import os

from cop_site.settings.base import *  # noqa: F403
from cop_site.settings.base import DATABASES

DEBUG = False
SECRET_KEY = "bench-only-not-secret"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = os.environ["COP_BENCH_MEDIA_ROOT"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["TEST"] = {"NAME": os.environ["COP_BENCH_DB_NAME"]}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# Form posts are not rate limited in the benchmark and the load test (bench/load.py posts many
# forms from one address); the honeypot stays on (the load leaves it empty, as people do).
COP_FORM_RATE = "1000000/m"
COP_SUGGEST_RATE = "1000000/m"
