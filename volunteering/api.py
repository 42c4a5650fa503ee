"""Volunteering in the domain API: school clubs and open volunteer offers. Never any volunteer data."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from home.api import ConvertedItems, CopPagination, register_router
from ngo_directory.models import DISTRICTS, NGOProfilePage

from .models import VolunteerClubPage
from .models.pages import filter_offers, open_offers

router = Router(tags=["Wolontariat"])


class NamedItem(Schema):
    name: str
    slug: str


class ClubItem(Schema):
    id: int
    title: str
    url: str
    school_name: str
    street: str
    district: str
    coordinator_name: str
    contact_email: str
    members_count: int
    summary: str


class OfferItem(Schema):
    id: int
    title: str
    url: str
    summary: str
    organiser: str
    place: str
    district: str
    is_ongoing: bool
    start_date: date | None
    end_date: date | None
    min_age: int
    suitable_for_minors: bool
    places_available: int
    areas: list[NamedItem]
    skills: list[NamedItem]


class OfferDetail(OfferItem):
    tasks_html: str
    contact_name: str
    contact_email: str
    contact_phone: str


class OfferFilters(Schema):
    area: str | None = Field(None, description="Slug obszaru działalności.")
    skill: str | None = Field(None, description="Slug umiejętności.")
    district: str | None = Field(None, description="Dzielnica: " + ", ".join(code for code, _ in DISTRICTS))
    for_minors: bool = Field(False, description="Tylko oferty dla osób poniżej 18 lat.")


def _club(page, request) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_full_url(request),
        "school_name": page.school_name,
        "street": page.street,
        "district": page.district,
        "coordinator_name": page.coordinator_name,
        "contact_email": page.contact_email,
        "members_count": page.members_count,
        "summary": page.get_summary(),
    }


def _offers_with_organisers(offers, request, detail=False) -> list[dict]:
    """Rows for a slice of offers; the NGO names come in one query for the whole slice."""
    offers = list(offers)
    parent_paths = {offer.path[: -offer.steplen] for offer in offers}
    ngo_names = dict(NGOProfilePage.objects.filter(path__in=parent_paths).values_list("path", "title"))
    rows = []
    for offer in offers:
        organiser = (
            ngo_names.get(offer.path[: -offer.steplen]) or offer.organiser_name or "Centrum Wolontariatu"
        )
        row = {
            "id": offer.pk,
            "title": offer.title,
            "url": offer.get_full_url(request),
            "summary": offer.get_summary(),
            "organiser": organiser,
            "place": offer.place,
            "district": offer.district,
            "is_ongoing": offer.is_ongoing,
            "start_date": offer.start_date,
            "end_date": offer.end_date,
            "min_age": offer.min_age,
            "suitable_for_minors": offer.suitable_for_minors,
            "places_available": offer.places_available,
            "areas": [{"name": a.name, "slug": a.slug} for a in offer.areas.all()],
            "skills": [{"name": s.name, "slug": s.slug} for s in offer.skills.all()],
        }
        if detail:
            row.update(
                tasks_html=str(offer.tasks),
                contact_name=offer.contact_name,
                contact_email=offer.contact_email,
                contact_phone=offer.contact_phone,
            )
        rows.append(row)
    return rows


class OfferItems(ConvertedItems):
    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.convert(self.queryset[index])
        return self.convert([self.queryset[index]])[0]


@router.get("/clubs/", response=list[ClubItem], summary="Szkolne koła wolontariatu")
@paginate(CopPagination)
def list_clubs(request):
    clubs = VolunteerClubPage.objects.live().public().order_by("title", "pk")
    return ConvertedItems(clubs, lambda page: _club(page, request))


@router.get("/clubs/{int:club_id}/", response=ClubItem, summary="Jedno koło wolontariatu")
def get_club(request, club_id: int):
    return _club(get_object_or_404(VolunteerClubPage.objects.live().public(), pk=club_id), request)


def _offer_queryset():
    return open_offers().prefetch_related("areas", "skills").order_by("-first_published_at", "-pk")


@router.get("/offers/", response=list[OfferItem], summary="Otwarte oferty wolontariatu (z filtrami)")
@paginate(CopPagination)
def list_offers(request, filters: Query[OfferFilters]):
    offers = filter_offers(_offer_queryset(), filters.dict())
    return OfferItems(offers, lambda rows: _offers_with_organisers(rows, request))


@router.get("/offers/{int:offer_id}/", response=OfferDetail, summary="Jedna otwarta oferta wolontariatu")
def get_offer(request, offer_id: int):
    offer = get_object_or_404(_offer_queryset(), pk=offer_id)
    return _offers_with_organisers([offer], request, detail=True)[0]


register_router("/volunteering/", router)
