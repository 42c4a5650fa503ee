"""Events in the domain API (``/api/cop/v1/events/``): live public events only, never registrations."""

from datetime import date, datetime, time, timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from home.api import ConvertedItems, CopPagination, register_router

from .models import EVENT_TYPES, ORGANISER_COP, filter_events, public_events

router = Router(tags=["Wydarzenia"])


class Organiser(Schema):
    id: int | None = Field(None, description="Id profilu organizacji; puste = Centrum (COP).")
    name: str
    url: str | None = None


class EventListItem(Schema):
    id: int
    title: str
    slug: str
    url: str
    ical_url: str
    event_type: str = Field(description="Rodzaj: " + ", ".join(code for code, _label in EVENT_TYPES))
    event_type_label: str
    start: datetime
    end: datetime
    is_cancelled: bool
    is_past: bool
    place_name: str
    place_address: str
    organiser: Organiser
    is_free: bool
    summary: str
    registration_enabled: bool
    registration_open: bool
    places_left: int | None = Field(None, description="Wolne miejsca (puste = bez limitu lub bez zapisów).")


class EventDetail(EventListItem):
    intro: str
    audience: str
    price_info: str
    description_html: str
    project_id: int | None = Field(None, description="Id strony projektu, do którego należy spotkanie.")
    rules_document_url: str | None = None


class EventFilters(Schema):
    date_from: date | None = Field(
        None, description="Wydarzenia kończące się tego dnia lub później (RRRR-MM-DD)."
    )
    date_to: date | None = Field(
        None, description="Wydarzenia zaczynające się najpóźniej tego dnia (RRRR-MM-DD)."
    )
    type: str | None = Field(None, description="Rodzaj wydarzenia (kod).")
    organiser: str | None = Field(None, description=f"„{ORGANISER_COP}” albo id profilu organizacji.")
    past: bool = Field(
        False, description="Bez dat: true = archiwum (najnowsze najpierw), false = nadchodzące."
    )


def _item(page, request, detail=False) -> dict:
    organiser = page.organiser if page.organiser_id else None
    places_left = None
    if page.registration_enabled and page.capacity is not None:
        places_left = max(page.capacity - (page.confirmed_total or 0), 0)
    full_url = page.get_full_url(request)
    data = {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": full_url,
        # Same (canonical) address as the page's: the site's host, not whichever host was asked.
        "ical_url": full_url + page.reverse_subpage("ical_view"),
        "event_type": page.event_type,
        "event_type_label": str(page.get_event_type_display()),
        "start": page.start,
        "end": page.end,
        "is_cancelled": page.is_cancelled,
        "is_past": page.is_past,
        "place_name": page.place_name,
        "place_address": page.place_address,
        "organiser": {
            "id": organiser.pk if organiser else None,
            "name": page.organiser_name,
            "url": organiser.get_full_url(request) if organiser else None,
        },
        "is_free": page.is_free,
        "summary": page.get_summary(),
        "registration_enabled": page.registration_enabled,
        "registration_open": page.registration_state() == "open",
        "places_left": places_left,
    }
    if detail:
        from .models import ProjectPage

        parent = page.get_parent()
        data.update(
            intro=page.intro,
            audience=page.audience,
            price_info=page.price_info,
            description_html=str(page.description),
            project_id=parent.pk if parent.specific_class is ProjectPage else None,
            rules_document_url=request.build_absolute_uri(page.rules_document.url)
            if page.rules_document
            else None,
        )
    return data


def _with_counts(events):
    from django.db.models import Count, Q

    return events.annotate(
        confirmed_total=Count("registrations", filter=Q(registrations__status="confirmed"))
    )


@router.get(
    "/events/", response=list[EventListItem], summary="Lista wydarzeń (filtry: daty, rodzaj, organizator)"
)
@paginate(CopPagination)
def list_events(request, filters: Query[EventFilters]):
    events = filter_events(public_events(), event_type=filters.type, organiser=filters.organiser)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        events = events.filter(end__gte=datetime.combine(filters.date_from, time.min, tzinfo=tz))
    if filters.date_to:
        events = events.filter(
            start__lt=datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=tz)
        )
    if not filters.date_from and not filters.date_to:
        now = timezone.now()
        events = events.filter(end__lt=now) if filters.past else events.filter(end__gte=now)
    ordering = ("-start", "-pk") if filters.past and not filters.date_from else ("start", "pk")
    events = _with_counts(events.order_by(*ordering))
    return ConvertedItems(events, lambda page: _item(page, request))


@router.get("/events/{int:event_id}/", response=EventDetail, summary="Jedno wydarzenie")
def get_event(request, event_id: int):
    page = get_object_or_404(_with_counts(public_events().select_related("rules_document")), pk=event_id)
    return _item(page, request, detail=True)


register_router("/", router)
