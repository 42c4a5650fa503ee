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


def layout_pages(context) -> dict:
    """Every page the layout links to, in one query per request (``home.layout.layout_pages``)."""
    from home.layout import layout_pages as load

    return load(context.get("request"), context.get("page"))


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
def page_full_url(context, page):
    """``page.full_url`` with the request, so the site root paths read this request are reused."""
    get_full_url = getattr(page, "get_full_url", None)
    return (get_full_url(context.get("request")) or "") if get_full_url else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request and url else url
