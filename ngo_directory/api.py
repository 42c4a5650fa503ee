"""The organisations of the directory in the domain API (``/api/cop/v1/organizacje/``).

Only live, public profiles; the contact person appears only when the organisation marked it public.
The list takes the same filters as the directory page (``q``, ``obszar``, ``dzielnica``, ``forma``, ``opp``).
"""

from typing import Literal

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django_ratelimit.core import is_ratelimited
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from home.api import ConvertedItems, CopPagination, register_router

from .models import DISTRICTS, LEGAL_FORMS, NGOProfilePage
from .picker import SUGGESTION_LIMIT, describe, search_organisations
from .services import filter_organisations

router = Router(tags=["Baza organizacji"])

DistrictCode = Literal[tuple(code for code, _label in DISTRICTS)]
LegalFormCode = Literal[tuple(code for code, _label in LEGAL_FORMS)]


class Area(Schema):
    slug: str
    name: str


class ContactPerson(Schema):
    name: str
    role: str
    email: str
    phone: str


class OrganisationDocument(Schema):
    title: str
    kind: str
    year: int | None
    url: str


class OrganisationListItem(Schema):
    id: int
    title: str
    short_name: str
    url: str
    legal_form: str
    legal_form_label: str
    district: str
    district_label: str
    is_opp: bool
    krs: str
    nip: str
    regon: str
    areas: list[Area]
    summary: str
    latitude: float | None
    longitude: float | None


class OrganisationDetail(OrganisationListItem):
    beneficiaries: str
    street: str
    postal_code: str
    city: str
    email: str
    phone: str
    website: str
    facebook_url: str
    instagram_url: str
    opp_goal: str
    description_html: str
    contact_person: ContactPerson | None = Field(
        None, description="Tylko gdy organizacja zgodziła się na publikację danych tej osoby."
    )
    documents: list[OrganisationDocument]


class OrganisationFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Szukaj w nazwie i opisie.")
    obszar: str | None = Field(None, max_length=100, description="Obszar działalności (slug, np. „sport”).")
    dzielnica: DistrictCode | None = Field(None, description="Dzielnica lub sołectwo siedziby.")
    forma: LegalFormCode | None = Field(None, description="Forma prawna.")
    opp: bool | None = Field(None, description="true: tylko organizacje pożytku publicznego.")


class OrganisationSuggestion(Schema):
    id: int
    title: str
    short_name: str
    krs: str
    details: str = Field(description="Co odróżnia podobne nazwy: numer KRS i miejscowość.")


class OrganisationSuggestions(Schema):
    items: list[OrganisationSuggestion]
    more: bool = Field(description="true: pasuje więcej organizacji – wpisz więcej liter.")


class SuggestionQuery(Schema):
    q: str = Field(
        "", max_length=200, description="Początek nazwy (polskie litery opcjonalne) lub numeru KRS."
    )


# Public data that changes only on publishing: a browser or proxy may keep an answer for a minute.
SUGGESTIONS_MAX_AGE = 60


def _published():
    return NGOProfilePage.objects.live().public().order_by("title", "pk")


def _item(page, request, detail=False) -> dict:
    data = {
        "id": page.pk,
        "title": page.title,
        "short_name": page.short_name,
        "url": page.get_full_url(request),
        "legal_form": page.legal_form,
        "legal_form_label": str(page.get_legal_form_display()),
        "district": page.district,
        "district_label": page.get_district_display(),
        "is_opp": page.is_opp,
        "krs": page.krs,
        "nip": page.nip,
        "regon": page.regon,
        "areas": [{"slug": area.slug, "name": area.name} for area in page.areas.all()],
        "summary": page.get_summary(),
        "latitude": float(page.latitude) if page.latitude is not None else None,
        "longitude": float(page.longitude) if page.longitude is not None else None,
    }
    if detail:
        data.update(
            beneficiaries=page.beneficiaries,
            street=page.street,
            postal_code=page.postal_code,
            city=page.city,
            email=page.email,
            phone=page.phone,
            website=page.website,
            facebook_url=page.facebook_url,
            instagram_url=page.instagram_url,
            opp_goal=page.opp_goal,
            description_html=str(page.description),
            contact_person=page.public_contact_person(),
            documents=[
                {
                    "title": item.document.title,
                    "kind": item.kind,
                    "year": item.year,
                    "url": request.build_absolute_uri(item.document.url),
                }
                for item in page.documents.all()
            ],
        )
    return data


@router.get(
    "/organizacje/",
    response=list[OrganisationListItem],
    summary="Organizacje z bazy (te same filtry co na stronie)",
)
@paginate(CopPagination)
def list_organisations(request, filters: Query[OrganisationFilters]):
    organisations = filter_organisations(_published(), filters.dict(exclude_none=True)).prefetch_related(
        "areas"
    )
    return ConvertedItems(organisations, lambda page: _item(page, request))


@router.get("/organizacje/{int:organisation_id}/", response=OrganisationDetail, summary="Jedna organizacja")
def get_organisation(request, organisation_id: int):
    queryset = _published().prefetch_related("areas", "documents__document")
    page = get_object_or_404(queryset, pk=organisation_id)
    return _item(page, request, detail=True)


@router.get(
    "/organizacje/podpowiedzi/",
    response=OrganisationSuggestions,
    url_name="organisation_suggestions",
    summary=f"Podpowiedzi organizacji do formularzy (najwyżej {SUGGESTION_LIMIT})",
)
def suggest_organisations(request, response: HttpResponse, query: Query[SuggestionQuery]):
    """The organisation picker of the public forms asks here as the visitor types (two queries)."""
    if is_ratelimited(
        request, group="organisation-suggestions", key="ip", rate=settings.COP_SUGGEST_RATE, increment=True
    ):
        raise HttpError(429, "Za dużo zapytań z tego adresu. Spróbuj ponownie za chwilę.")
    found = search_organisations(query.q)
    patch_cache_control(response, public=True, max_age=SUGGESTIONS_MAX_AGE)
    return {
        "items": [
            {
                "id": page.pk,
                "title": page.title,
                "short_name": page.short_name,
                "krs": page.krs,
                "details": describe(page),
            }
            for page in found[:SUGGESTION_LIMIT]
        ],
        "more": len(found) > SUGGESTION_LIMIT,
    }


register_router("/", router)
