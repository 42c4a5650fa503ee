"""URL configuration of the platform."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import api as domain_api
from home import sitemaps
from home import views as home_views
from home.api_v2 import api_router

domain_api.autodiscover()

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenty/", include(wagtaildocs_urls)),
    path("szukaj/", home_views.search, name="search"),
    # An index of per-section sitemaps, each cached for an hour (home/sitemaps.py).
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # Load balancers and monitoring (docs/operations.md); exempt from the HTTPS redirect.
    path("healthz/", home_views.health, name="health"),
    # Wagtail's page/image/document API for headless front ends, and the domain API (docs/api.md).
    path("api/v2/", api_router.urls),
    path("api/cop/v1/", domain_api.api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "django.views.defaults.page_not_found"
handler500 = "django.views.defaults.server_error"
