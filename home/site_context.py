"""What every public page reads about its site, in one query per request instead of five.

Before a page's own content, Wagtail and the layout ask the database, each in its own query:

1. which site serves the request (``Site.find_for_request``);
2. the site's home page in its specific form, only to start routing from it (``route_for_request``);
3. whether any page is private (``home/restrictions.py`` reads every view restriction);
4. the site settings and menus (``SiteSettings`` / ``NavigationSettings``);
5. the root paths of all sites, to build page URLs (``Site.get_site_root_paths``; Wagtail keeps it in
   the cache, so it is a query whenever the cache is cold: after every publish).

:func:`load` answers all five with one query over the (few) sites: each site with its root page (joined
with the home page row when the root is a ``HomePage``, so routing needs no query for it), the root
page's locale, both settings rows, and ``EXISTS`` over the view restrictions. It picks the site exactly
as Wagtail does (:func:`match_site`), and leaves everything on the request under the attribute names
Wagtail and ``home.models`` read, so their own code runs unchanged and asks nothing. What the query
does not settle is left to Wagtail as before: a settings row that does not exist yet is created by
``for_request``, the view restrictions are read when some exist, and with ``WAGTAIL_I18N_ENABLED`` the
root paths come from Wagtail (they depend on translations).

:class:`SiteContextMiddleware` calls :func:`load` before Wagtail's page view; other views get it when
their layout first reads the settings (``home.models._LayoutSettingMixin``), or call it first themselves
(the site search). Nothing is cached across requests: every request reads the current rows.
"""

from django.conf import settings
from django.db.models import Exists
from django.http.request import split_domain_port

from . import restrictions

# Wagtail's ranking of the sites that may serve a request (wagtail.models.sites.get_site_for_hostname).
_MATCH_HOSTNAME_PORT, _MATCH_HOSTNAME_DEFAULT, _MATCH_DEFAULT, _MATCH_HOSTNAME = range(4)


def _rank(site, hostname, port) -> int:
    if site.hostname == hostname and site.port == port:
        return _MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return _MATCH_HOSTNAME_DEFAULT
    if site.is_default_site:
        return _MATCH_DEFAULT
    return _MATCH_HOSTNAME


def match_site(sites, hostname, port):
    """The site Wagtail's ``Site.find_for_request`` picks for ``hostname``/``port`` among ``sites``."""
    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site),
        key=lambda site: _rank(site, hostname, port),
    )
    if not candidates:
        return None
    best = _rank(candidates[0], hostname, port)
    if len(candidates) == 1 or best in (_MATCH_HOSTNAME_PORT, _MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if best == _MATCH_DEFAULT:
        # The default site, unless exactly one other site has the hostname (as Wagtail).
        return candidates[len(candidates) == 2]
    return None


def site_root_paths(sites):
    """``Site.get_site_root_paths()`` computed from the loaded sites (without translations)."""
    from wagtail.models.sites import SiteRootPath

    ordered = sorted(sites, key=lambda site: site.hostname)
    ordered.sort(key=lambda site: not site.is_default_site)
    ordered.sort(key=lambda site: site.root_page.url_path, reverse=True)  # most specific path first
    return [
        SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
        for site in ordered
    ]


def _sites_query():
    from wagtail.models import PageViewRestriction, Site

    from .models import NavigationSettings, SiteSettings

    return Site.objects.select_related(
        "root_page",
        "root_page__locale",
        "root_page__homepage",
        SiteSettings._meta.model_name,
        NavigationSettings._meta.model_name,
    ).annotate(_cop_any_restriction=Exists(PageViewRestriction.objects.all()))


def _specific_root(site):
    """The site's root page as a ``HomePage`` when the join found one (routing starts there)."""
    from .models import HomePage

    root = site.root_page
    if root.specific_class is HomePage:
        home_page = getattr(root, "homepage", None)
        if home_page is not None:
            site.root_page = home_page


def _keep_setting(request, site, model):
    row = getattr(site, model._meta.model_name, None)  # None: not created yet, Wagtail creates it
    if row is not None and not hasattr(request, model.get_cache_attr_name()):
        row._request = request  # as Wagtail's ``for_request`` (page URLs in settings)
        setattr(request, model.get_cache_attr_name(), row)


def load(request) -> None:
    """Find the request's site and keep it, its settings and the site root paths on the request.

    One query, once per request; when Wagtail has already found the site, the rest still comes in
    that query (the site found is kept as it is).
    """
    if request is None or getattr(request, "_cop_site_context", False):
        return
    request._cop_site_context = True
    from .models import NavigationSettings, SiteSettings

    sites = list(_sites_query())
    if hasattr(request, "_wagtail_site"):
        found = request._wagtail_site
        site = next((s for s in sites if found is not None and s.pk == found.pk), None)
    else:
        hostname = split_domain_port(request._get_raw_host())[0]
        site = match_site(sites, hostname, request.get_port())
        if site is not None:
            _specific_root(site)
        request._wagtail_site = site
    if sites and not sites[0]._cop_any_restriction:
        restrictions.note_none_exist()
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False) and not hasattr(
        request, "_wagtail_cached_site_root_paths"
    ):
        request._wagtail_cached_site_root_paths = site_root_paths(sites)
    if site is not None:
        for model in (SiteSettings, NavigationSettings):
            _keep_setting(request, site, model)


class SiteContextMiddleware:
    """Loads the site context (:func:`load`) before Wagtail serves a page, in the same query."""

    def __init__(self, get_response):
        from wagtail import views

        self.get_response = get_response
        self.wagtail_serve = views.serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.wagtail_serve:
            load(request)
