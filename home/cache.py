"""Cache of anonymous public pages, aware of what Wagtail serves.

A page is stored only when every one of these holds (anything else is served fresh, every time):

* the request: ``GET`` (``HEAD`` is answered from a stored ``GET``), outside the admin, without a session
  or messages cookie (logged-in users, visitors who unlocked a password-protected page, pending flash
  messages), without an ``Authorization`` header and with a short query string;
* the response: a live page served by Wagtail's page view and past Wagtail's privacy check (marked by the
  ``on_serve_page`` hook in ``home/wagtail_hooks.py``; previews, the admin and non-page views are never
  marked), status 200, not streamed, setting no cookie, not ``private``/``no-cache``/``no-store``
  (Wagtail sends those on every page with view restrictions), no session change, and **no CSRF token
  rendered**: a page with a public form (contact, event registration, booking, volunteer sign-up,
  onboarding, surveys) asks for a token and is therefore never stored, so no two visitors share one.

Purging is by generation: every key contains a random generation id kept in the same cache, and
:func:`purge_page_cache` replaces it, which makes every stored page unreachable at once (old entries expire
by their timeout). That works on every cache backend, never touches the rate-limit counters that share
Redis with the pages, and is cheap enough to run on each publish, unpublish, move or delete of a page
and on every save of site settings, menus, snippets, images and documents (``home/signals.py``).
"""

import hashlib
import logging
import re
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "cop:pagecache:generation"
CANDIDATE_ATTRIBUTE = "_cop_page_cache_candidate"
HEADER = "X-Cache"
# Longer query strings are not worth a cache entry (and would let anyone fill the cache).
MAX_QUERY_STRING = 200
# Campaign parameters do not change the page: they are left out of the key.
IGNORED_QUERY_PARAMETERS = re.compile(r"^(utm_[a-z_]+|fbclid|gclid|msclkid|mc_cid|mc_eid)$")
UNCACHEABLE_CACHE_CONTROL = ("private", "no-cache", "no-store")
# Headers that belong to one response only and are never stored with the page.
UNSTORED_HEADERS = {"set-cookie", "x-request-id", HEADER.lower()}


def timeout() -> int:
    """Seconds a page stays cached; 0 switches the page cache off (``COP_PAGE_CACHE_SECONDS``)."""
    return int(getattr(settings, "COP_PAGE_CACHE_SECONDS", 0) or 0)


def page_cache():
    return caches[getattr(settings, "COP_PAGE_CACHE_ALIAS", "default")]


def _generation(cache) -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY) or generation
    return generation


def purge_page_cache() -> None:
    """Forget every cached page (all sites, all workers sharing the cache)."""
    try:
        page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - an unreachable cache must not break publishing
        logger.exception("Could not purge the page cache.")


def _normalised_query(request) -> str:
    pairs = [
        (key, value)
        for key, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not IGNORED_QUERY_PARAMETERS.match(key)
    ]
    return urlencode(sorted(pairs))


def cache_key(request, generation: str, kind: str = "page") -> str:
    address = f"{request.scheme}://{request.get_host()}{request.path}?{_normalised_query(request)}"
    return f"cop:{kind}:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def request_may_use_cache(request) -> bool:
    """Cheap checks on the request alone (no database): may this request be answered from the cache?"""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_dummy", False):
        return False  # a dummy request is Wagtail's preview of a draft at the page's own address
    if request.path_info.startswith(settings.COP_ADMIN_PATH_PREFIX):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING


def mark_candidate(request) -> None:
    """Called by the ``on_serve_page`` hook once Wagtail's privacy check let a live page through."""
    setattr(request, CANDIDATE_ATTRIBUTE, True)


def is_page_response(request) -> bool:
    return bool(getattr(request, CANDIDATE_ATTRIBUTE, False))


def response_may_be_stored(request, response) -> bool:
    if request.method != "GET" or not is_page_response(request) or getattr(request, "is_preview", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page rendered a CSRF token: it belongs to this visitor only
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in UNCACHEABLE_CACHE_CONTROL)


def read_stored(request, kind: str = "page"):
    """The response stored for this request's address under the current generation, or ``None``; the
    cache being down is a miss, not an error. ``kind`` keeps other stored documents (the sitemap's) apart
    from pages; all of them are forgotten together by :func:`purge_page_cache`."""
    try:
        cache = page_cache()
        stored = cache.get(cache_key(request, _generation(cache), kind))
    except Exception:  # noqa: BLE001
        logger.warning("Page cache unavailable; serving without it.", exc_info=True)
        return None
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def write_stored(request, response, seconds: int, kind: str = "page") -> bool:
    """Keep ``response`` for ``seconds`` under this request's address (see :func:`read_stored`); False
    when the cache is down."""
    headers = [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]
    try:
        cache = page_cache()
        cache.set(
            cache_key(request, _generation(cache), kind),
            (response.status_code, headers, response.content),
            seconds,
        )
    except Exception:  # noqa: BLE001
        logger.warning("Page cache unavailable; %s not stored.", kind, exc_info=True)
        return False
    return True


def fetch(request):
    """The stored page for this request, or ``None``."""
    response = read_stored(request)
    if response is not None:
        response[HEADER] = "HIT"
    return response


def store(request, response) -> None:
    frontend_seconds = int(getattr(settings, "COP_FRONTEND_CACHE_SECONDS", 0) or 0)
    if frontend_seconds > 0:
        # Let a reverse proxy or CDN keep the page too; browsers revalidate every time.
        patch_cache_control(response, public=True, max_age=0, s_maxage=frontend_seconds)
    # Whether a visitor gets the shared copy depends on their cookies (session, messages): say so on
    # hits as well as misses, so a proxy that honours Vary keeps logged-in visitors apart.
    patch_vary_headers(response, ("Cookie",))
    if write_stored(request, response, timeout()):
        response[HEADER] = "MISS"


def keep_private(response) -> None:
    """A page response that must not be stored: tell reverse proxies and CDNs the same."""
    cache_control = response.get("Cache-Control", "").lower()
    if not any(word in cache_control for word in UNCACHEABLE_CACHE_CONTROL):
        patch_cache_control(response, private=True)
