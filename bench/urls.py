"""The project's URLs plus one bare view: the baseline every measured page is compared with."""

from django.http import HttpResponse
from django.urls import path

from cop_site.urls import urlpatterns as project_urlpatterns

BARE_URL = "/__bench__/bare/"


def bare(request):
    """A trivial view: what any request costs in this middleware stack before the page's own work."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BARE_URL.strip("/") + "/", bare), *project_urlpatterns]
