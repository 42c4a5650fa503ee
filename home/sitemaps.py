"""The sitemap for search engines: an index (``/sitemap.xml``) of per-section sitemaps, built from rows.

Wagtail's ``wagtail.contrib.sitemaps`` loads every live page as its specific object (a query per page type
and per 2,000 pages) and asks each one for ``get_sitemap_urls()``, all in one document: at the issue's
data set (about 9,000 pages) that was 33 queries, 14 s and 911 KiB. Here a page's URL is built from its
row (``url_path`` and the site root, as ``Page.get_url_parts`` does for a page of the current site) and
the listing is split as the sitemap protocol allows:

- ``/sitemap.xml`` – the index: one entry per section and page of it, with the section's last change
  (one aggregate query);
- ``/sitemap-<section>.xml?p=N`` – a section's URLs, ``SITEMAP_PAGE_SIZE`` pages at a time (one query).

A section is the app a page type belongs to (``home``, ``ngo_directory``, ``events``...). The same pages as
Wagtail's generator are listed: live, public (no view restriction on them or an ancestor – the restrictions
come from the per-request memo of ``home.restrictions``), under the current site's root page. A page type
changes its entries with class attributes, never per page (no page object is ever loaded):

- ``sitemap_exclude = True`` – pages of this type are left out (e.g. a page meant only for a link);
- ``sitemap_subpaths = ("archiwum/",)`` – sub-pages of a routable page listed after it (same last change).
"""

from __future__ import annotations

import datetime
import functools
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_response_headers
from django.utils.http import RFC3986_SUBDELIMS, http_date
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site, get_page_models

from .restrictions import BasePageQuerySet

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"

# URLs (pages) per section sitemap. The protocol allows 50,000; a smaller page keeps every response
# small (about 150 KiB) and quick to build on a cache miss.
SITEMAP_PAGE_SIZE = 1000

# One rendering per document an hour at most – which also keeps the sitemap from being an easy way to load
# the server – and a new one after every publish, unpublish, move or deletion (``_cached``).
SITEMAP_CACHE_SECONDS = 60 * 60


def _cached(view):
    """Keep the view's document for ``SITEMAP_CACHE_SECONDS`` beside the cached pages (``home.cache``,
    kind "sitemap"): whatever purges the page cache (publishing, unpublishing, moving or deleting a page)
    makes the next request build the sitemap again, so a new page is listed at once and a removed one is
    never offered. Only complete documents (200) are kept; the cache being down only costs a rendering."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        from .cache import read_stored, write_stored

        response = read_stored(request, kind="sitemap")
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            write_stored(request, response, SITEMAP_CACHE_SECONDS, kind="sitemap")
        patch_response_headers(response, SITEMAP_CACHE_SECONDS)
        return response

    return wrapped


def _site(request) -> Site:
    """The site of the request, or the default site (as Wagtail's sitemap)."""
    site = Site.find_for_request(request)
    if site is None:
        site = Site.objects.select_related("root_page").get(is_default_site=True)
    return site


def _type_declarations() -> tuple[Q, dict[tuple[str, str], tuple[str, ...]]]:
    """From the page classes (no query): the filter leaving out excluded types, and sub-pages by type."""
    excluded = Q()
    subpaths = {}
    for model in get_page_models():
        key = (model._meta.app_label, model._meta.model_name)
        if getattr(model, "sitemap_exclude", False):
            excluded |= Q(content_type__app_label=key[0], content_type__model=key[1])
        if getattr(model, "sitemap_subpaths", ()):
            subpaths[key] = tuple(model.sitemap_subpaths)
    return excluded, subpaths


def _listed_pages(site: Site):
    """The pages in the sitemap of ``site``, as a queryset of rows (see the module docstring)."""
    excluded, _ = _type_declarations()
    pages = BasePageQuerySet(Page).descendant_of(site.root_page, inclusive=True).live().public()
    if excluded:
        pages = pages.exclude(excluded)
    # Wagtail's lastmod: the last publication, or the last revision for pages published before it was kept.
    return pages.annotate(lastmod=Coalesce("last_published_at", "latest_revision_created_at"))


def _page_number(request) -> int:
    try:
        number = int(request.GET.get("p", "1"))
    except ValueError as e:
        raise Http404 from e
    if number < 1:
        raise Http404
    return number


class _Locations:
    """Full URLs of page rows of one site, exactly as ``Page.get_full_url`` gives them for its pages."""

    def __init__(self, site: Site):
        self.root_url = site.root_url
        self.root_path_length = len(site.root_page.url_path)
        # ``wagtail_serve``'s prefix (the catch-all is mounted at "/"); ``reverse`` quotes the rest like this.
        self.prefix = reverse("wagtail_serve", args=("",))

    def __call__(self, url_path: str) -> str:
        relative = quote(url_path[self.root_path_length :], safe=RFC3986_SUBDELIMS + "/~:@")
        return f"{self.root_url}{self.prefix}{relative}"


def _xml_response(body: list[str], root: str, last_modified: datetime.datetime | None) -> HttpResponse:
    """The XML document: written directly, since Django's template took ~0.2 ms per URL (most of the time)."""
    response = HttpResponse(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{SITEMAP_NAMESPACE}">\n{"".join(body)}</{root}>\n',
        content_type="application/xml; charset=utf-8",
    )
    # As Django's sitemap views: the sitemap itself is not a search result.
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    return response


@require_safe
@_cached
def index(request):
    """``/sitemap.xml``: every section's sitemap pages with the section's last change."""
    site = _site(request)
    sections = (
        _listed_pages(site)
        .order_by("content_type__app_label")
        .values_list("content_type__app_label")
        .annotate(pages=Count("pk"), lastmod=Max("lastmod"))
    )
    entries = []
    lastmods = []
    for name, pages, lastmod in sections:
        address = escape(request.build_absolute_uri(reverse("sitemap_section", args=(name,))))
        # The section's last change, in full (W3C datetime), as Django's index template writes it.
        changed = f"<lastmod>{timezone.localtime(lastmod).isoformat()}</lastmod>" if lastmod else ""
        for number in range(1, -(-pages // SITEMAP_PAGE_SIZE) + 1):
            location = address if number == 1 else f"{address}?p={number}"
            entries.append(f"<sitemap><loc>{location}</loc>{changed}</sitemap>\n")
        if lastmod:
            lastmods.append(lastmod)
    return _xml_response(entries, "sitemapindex", max(lastmods) if lastmods else None)


@require_safe
@_cached
def section(request, section: str):
    """``/sitemap-<section>.xml?p=N``: the URLs of one section's pages, in tree order."""
    number = _page_number(request)
    site = _site(request)
    _, subpaths = _type_declarations()
    offset = (number - 1) * SITEMAP_PAGE_SIZE
    rows = list(
        _listed_pages(site)
        .filter(content_type__app_label=section)
        .order_by("path")
        .values_list("url_path", "lastmod", "content_type__app_label", "content_type__model")[
            offset : offset + SITEMAP_PAGE_SIZE
        ]
    )
    if not rows:
        raise Http404
    location = _Locations(site)
    zone = timezone.get_current_timezone()
    entries = []
    for url_path, lastmod, app_label, model in rows:
        # The day of the last change in the site's time zone, as Django's sitemap template writes it.
        changed = f"<lastmod>{lastmod.astimezone(zone).date().isoformat()}</lastmod>" if lastmod else ""
        page_url = location(url_path)
        for url in (page_url, *(page_url + subpath for subpath in subpaths.get((app_label, model), ()))):
            entries.append(f"<url><loc>{escape(url)}</loc>{changed}</url>\n")
    lastmods = [row[1] for row in rows]
    return _xml_response(entries, "urlset", max(lastmods) if all(lastmods) else None)
