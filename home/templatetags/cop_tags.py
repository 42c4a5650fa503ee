"""Template tags of the base layout: menus, metadata and JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Render a dict as a ``<script type="application/ld+json">`` element, safely escaped."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_schema_org(context, page):
    """JSON-LD for ``page`` (its own ``get_schema_org``), or nothing for non-platform pages."""
    get_schema = getattr(page, "get_schema_org", None)
    return json_ld(get_schema(context.get("request"))) if get_schema else ""


def _menu_page_ids(stream) -> list:
    """The page ids of a menu, read from the raw data (no query per menu)."""
    return [
        (block.get("value") or {}).get("page")
        for block in stream.raw_data
        if isinstance(block.get("value"), dict)
    ]


def layout_pages(context) -> dict:
    """Every page the layout links to, fetched in one query per request and kept on the request.

    Both menus, the accessibility statement in the footer and the current page's ancestors (the
    breadcrumbs) are ordinary ``Page`` rows; loading them one by one cost a query each on every page.
    Returns ``{"by_id": {...}, "by_path": {...}}``.
    """
    from django.db.models import Q
    from wagtail.models import Page

    request = context.get("request")
    cached = getattr(request, "_cop_layout_pages", None)
    if cached is not None:
        return cached
    settings = context["settings"]["home"]
    navigation = settings["NavigationSettings"]
    site_info = settings["SiteSettings"]
    ids = {
        *_menu_page_ids(navigation.main_menu),
        *_menu_page_ids(navigation.footer_menu),
        site_info.accessibility_statement_id,
    }
    ids.discard(None)
    page = context.get("page")
    paths = []
    if isinstance(page, Page) and page.depth > 2:
        paths = [page.path[: depth * page.steplen] for depth in range(2, page.depth)]
    pages = list(Page.objects.filter(Q(id__in=ids) | Q(path__in=paths))) if ids or paths else []
    cached = {"by_id": {p.id: p for p in pages}, "by_path": {p.path: p for p in pages}}
    if request is not None:
        request._cop_layout_pages = cached
    return cached


def _menu_items(stream, context):
    request = context.get("request")
    current_path = getattr(context.get("page"), "url_path", None)
    pages = layout_pages(context)["by_id"]
    items = []
    for block in stream.raw_data:
        value = block.get("value")
        if not isinstance(value, dict):
            continue
        if value.get("page"):
            page = pages.get(value["page"])
            if page is None or not page.live:
                continue
            url = page.get_url(request)
            label = value.get("label") or page.title
            active = bool(current_path and current_path.startswith(page.url_path) and page.depth > 2) or (
                current_path == page.url_path
            )
        else:
            url, label, active = value.get("url"), value.get("label"), False
        items.append({"url": url, "label": label, "active": active})
    return items


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    navigation = context["settings"]["home"]["NavigationSettings"]
    return {"items": _menu_items(navigation.main_menu, context)}


@register.inclusion_tag("includes/footer_menu.html", takes_context=True)
def footer_menu(context):
    navigation = context["settings"]["home"]["NavigationSettings"]
    return {"items": _menu_items(navigation.footer_menu, context)}


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The ancestors shown in the breadcrumbs (home page first), from :func:`layout_pages`."""
    if context.get("page") is not page:
        return list(page.get_ancestors()[1:])
    by_path = layout_pages(context)["by_path"]
    paths = [page.path[: depth * page.steplen] for depth in range(2, page.depth)]
    return [by_path[path] for path in paths if path in by_path]


@register.simple_tag(takes_context=True)
def accessibility_statement_url(context):
    """The footer's link to the accessibility statement ("" when none is chosen or it is not live)."""
    site_info = context["settings"]["home"]["SiteSettings"]
    statement = layout_pages(context)["by_id"].get(site_info.accessibility_statement_id)
    if statement is None or not statement.live:
        return ""
    return statement.get_url(context.get("request")) or ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request and url else url
