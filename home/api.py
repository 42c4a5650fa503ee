"""The domain API: one django-ninja ``NinjaAPI`` with a machine-readable OpenAPI schema.

Mounted at ``/api/cop/v1/`` (schema ``openapi.json``, docs ``docs/``). Every app of the platform adds
its router in its own ``api.py`` with :func:`register_router`; ``cop_site.urls`` imports those modules
(:func:`autodiscover`) before the URLs are built. Only live, public pages and data that is meant
to be public are ever returned. See ``docs/api.md``.
"""

from datetime import date, datetime
from importlib import import_module

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.module_loading import module_has_submodule
from ninja import Field, NinjaAPI, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from wagtail.models import Site

from .models import NewsPage, SiteSettings
from .search import clean_query, matching_pks

api = NinjaAPI(
    title="API Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach",
    version="1.0.0",
    description=(
        "Publiczne dane serwisu COP tylko do odczytu: aktualności, dane Centrum oraz moduły "
        "(organizacje, wydarzenia, wolontariat, sale, ankiety). Nie zawiera danych osobowych."
    ),
    urls_namespace="cop_api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)

MAX_LIMIT = 100


class CopPagination(LimitOffsetPagination):
    """``?limit=&offset=`` pagination; responses are ``{"count": N, "items": [...]}``."""

    class Input(Schema):
        limit: int = Field(20, ge=1, description=f"Liczba wyników (najwyżej {MAX_LIMIT}).")
        offset: int = Field(0, ge=0, description="Przesunięcie od początku listy.")

    def paginate_queryset(self, queryset, pagination, request, **params):
        if pagination.limit > MAX_LIMIT:
            raise HttpError(400, f"limit nie może przekraczać {MAX_LIMIT}")
        return super().paginate_queryset(queryset, pagination, request, **params)


def register_router(prefix: str, router: Router) -> None:
    """Add an app's router to the domain API (call from the app's ``api.py``)."""
    api.add_router(prefix, router)


def autodiscover() -> None:
    """Import the ``api`` module of every platform app so that each registers its router."""
    for app_name in settings.COP_APPS:
        if app_name != __package__ and module_has_submodule(import_module(app_name), "api"):
            import_module(f"{app_name}.api")


class ConvertedItems:
    """A sliceable view of a queryset that turns each row into a dict only for the returned slice.

    Ninja's pagination counts and slices the object it is given; slicing here keeps it one
    COUNT and one SELECT whatever the number of rows.
    """

    def __init__(self, queryset, convert):
        self.queryset = queryset
        self.convert = convert

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        rows = self.queryset[index]
        if isinstance(index, slice):
            return [self.convert(row) for row in rows]
        return self.convert(rows)


# Home and news -----------------------------------------------------------------------------------

router = Router(tags=["Serwis i aktualności"])


class NewsListItem(Schema):
    id: int
    title: str
    slug: str
    url: str
    date: date
    summary: str
    first_published_at: datetime | None


class NewsDetail(NewsListItem):
    intro: str
    body_html: str


class NewsFilters(Schema):
    date_from: date | None = Field(None, description="Aktualności od tej daty (RRRR-MM-DD).")
    date_to: date | None = Field(None, description="Aktualności do tej daty (RRRR-MM-DD).")
    search: str | None = Field(None, max_length=200, description="Szukaj w tytule i treści.")


class OpeningHours(Schema):
    days: str
    hours: str


class SiteInfo(Schema):
    name: str
    street: str
    address_extra: str
    postal_code: str
    city: str
    phone: str
    email: str
    opening_hours: list[OpeningHours]
    social_links: dict[str, str]


def _news_item(page, request, detail=False) -> dict:
    data = {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": page.get_full_url(request),
        "date": page.date,
        "summary": page.get_summary(),
        "first_published_at": page.first_published_at,
    }
    if detail:
        data.update(intro=page.intro, body_html=str(page.body))
    return data


@router.get("/news/", response=list[NewsListItem], summary="Lista aktualności (najnowsze najpierw)")
@paginate(CopPagination)
def list_news(request, filters: Query[NewsFilters]):
    news = NewsPage.objects.live().public().order_by("-date", "-pk")
    if filters.date_from:
        news = news.filter(date__gte=filters.date_from)
    if filters.date_to:
        news = news.filter(date__lte=filters.date_to)
    if terms := clean_query(filters.search):
        news = news.filter(pk__in=matching_pks(news.search(terms)))
    return ConvertedItems(news, lambda page: _news_item(page, request))


@router.get("/news/{int:news_id}/", response=NewsDetail, summary="Jedna aktualność")
def get_news(request, news_id: int):
    page = get_object_or_404(NewsPage.objects.live().public(), pk=news_id)
    return _news_item(page, request, detail=True)


@router.get("/site/", response=SiteInfo, summary="Dane kontaktowe i godziny otwarcia Centrum")
def site_info(request):
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    info = SiteSettings.for_site(site)
    return {
        "name": info.organisation_name,
        "street": info.street,
        "address_extra": info.address_extra,
        "postal_code": info.postal_code,
        "city": info.city,
        "phone": info.phone,
        "email": info.email,
        "opening_hours": [{"days": b.value["days"], "hours": b.value["hours"]} for b in info.opening_hours],
        "social_links": dict(info.social_links),
    }


register_router("/", router)
