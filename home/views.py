"""Non-page views of the site foundation: search, robots.txt, the rate-limit page and the health check."""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from . import site_context
from .restrictions import BasePageQuerySet
from .search import clean_query

SEARCH_PER_PAGE = 10
logger = logging.getLogger(__name__)


@require_GET
def search(request):
    """Full-text search over live, public pages (Wagtail search: SQLite FTS5 or PostgreSQL)."""
    site_context.load(request)  # site, settings and "any private page?" in one query, before `.public()`
    query = request.GET.get("q", "").strip()[:200]
    terms = clean_query(query)
    results = None
    if terms:
        # Every page type; ``public()`` reads the view restrictions memoised for this request.
        matches = BasePageQuerySet(Page).live().public().exclude(depth__lte=1).search(terms)
        paginator = Paginator(matches, SEARCH_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("strona", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        # One query per page type on this results page, not one per result.
        specific = Page.objects.filter(pk__in=[page.pk for page in results.object_list]).specific().in_bulk()
        results.object_list = [specific.get(page.pk, page) for page in results.object_list]
    return TemplateResponse(request, "search/search.html", {"search_query": query, "results": results})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {settings.COP_ADMIN_PATH_PREFIX}",
        "Disallow: /szukaj/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def rate_limited(request, exception=None):
    """The Polish page for a visitor who posted a form too many times in a short while."""
    return TemplateResponse(request, "429.html", status=429)


def _check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def _check_caches() -> None:
    key = f"cop:health:{uuid.uuid4().hex}"
    for alias in settings.CACHES:
        cache = caches[alias]
        cache.set(key, "ok", timeout=10)
        if cache.get(key) != "ok":
            raise RuntimeError(f"cache {alias!r} did not return what was written")
        cache.delete(key)


@never_cache
@require_GET
def health(request):
    """For load balancers and monitoring: 200 when the database and the caches answer, 503 otherwise.

    Says only ``ok``/``error`` per component; details of a failure go to the log, never to the caller.
    """
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_caches)):
        try:
            check()
        except Exception:  # noqa: BLE001 - any failure means "not healthy"
            logger.exception("Health check: %s failed.", name)
            checks[name] = "error"
        else:
            checks[name] = "ok"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
