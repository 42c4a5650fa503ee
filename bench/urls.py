"""The project's URLs plus one bare view: the baseline every measured page is compared with."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from cop_site.urls import urlpatterns as project_urlpatterns

BARE_URL = "/__bench__/bare/"
EMPTY_PAGE_URL = "/__bench__/empty-page/"


def bare(request):
    """A trivial view: what any request costs in this middleware stack before the page's own work."""
    return HttpResponse("ok", content_type="text/plain")


def empty_page(request):
    """The site's base template with no page in it (header, navigation, footer, site settings): what
    any public page of this site costs before its own content. A second baseline beside ``bare``, to
    show how much of a page's time is its own work and how much is the shared frame."""
    return render(request, "base.html", {})


urlpatterns = [
    path(BARE_URL.strip("/") + "/", bare),
    path(EMPTY_PAGE_URL.strip("/") + "/", empty_page),
    *project_urlpatterns,
]
