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


def _menu_items(stream, request, current_page):
    current_path = getattr(current_page, "url_path", None)
    items = []
    for block in stream:
        value = block.value
        page = value.get("page")
        if page is not None:
            if not page.live:
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
    request = context.get("request")
    navigation = context["settings"]["home"]["NavigationSettings"]
    return {"items": _menu_items(navigation.main_menu, request, context.get("page"))}


@register.inclusion_tag("includes/footer_menu.html", takes_context=True)
def footer_menu(context):
    request = context.get("request")
    navigation = context["settings"]["home"]["NavigationSettings"]
    return {"items": _menu_items(navigation.footer_menu, request, context.get("page"))}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request and url else url
