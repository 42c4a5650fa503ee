"""The organisations of the directory in the domain API (``/api/cop/v1/organizacje/``).

Only live, public profiles; the contact person appears only when the organisation marked it public.
The list takes the same filters as the directory page (``q``, ``obszar``, ``dzielnica``, ``forma``, ``opp``).
"""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from home.api import ConvertedItems, CopPagination, register_router

from .models import DISTRICTS, LEGAL_FORMS, NGOProfilePage
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


register_router("/", router)
