"""The pages the layout (and a page's own links) point to, fetched in one query per request."""

from django.db.models import Q


def _menu_page_ids(stream) -> list:
    """The page ids of a menu, read from the raw data (no query per menu)."""
    return [
        (block.get("value") or {}).get("page")
        for block in stream.raw_data
        if isinstance(block.get("value"), dict)
    ]


def layout_pages(request, page=None, *, extra_ids=(), extra_paths=()) -> dict:
    """Every page the layout links to, fetched in one query per request and kept on the request.

    Both menus, the accessibility statement in the footer and the current page's ancestors (the
    breadcrumbs) are ordinary ``Page`` rows; loading them one by one cost a query each on every page.
    A page whose own template links to a few more pages (the home page: its button, the news index)
    passes their ids or tree paths as ``extra_ids``/``extra_paths`` from ``get_context``, before the
    layout asks: they come in the same query. Returns ``{"by_id": {...}, "by_path": {...}}`` of plain
    ``Page`` objects (enough for a title and a URL).
    """
    from wagtail.models import Page

    from home.models import NavigationSettings, SiteSettings

    cached = getattr(request, "_cop_layout_pages", None)
    if cached is not None:
        return cached
    ids = set(extra_ids)
    paths = set(extra_paths)
    if request is not None:
        navigation = NavigationSettings.for_request(request)
        site_info = SiteSettings.for_request(request)
        ids |= {
            *_menu_page_ids(navigation.main_menu),
            *_menu_page_ids(navigation.footer_menu),
            site_info.accessibility_statement_id,
        }
    ids.discard(None)
    if isinstance(page, Page) and page.depth > 2:
        paths |= {page.path[: depth * page.steplen] for depth in range(2, page.depth)}
    pages = list(Page.objects.filter(Q(id__in=ids) | Q(path__in=paths))) if ids or paths else []
    cached = {"by_id": {p.id: p for p in pages}, "by_path": {p.path: p for p in pages}}
    if request is not None:
        request._cop_layout_pages = cached
    return cached
