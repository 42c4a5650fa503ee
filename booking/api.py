"""Rooms and their public availability in the domain API. Requests are never exposed."""

import datetime

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from home.api import ConvertedItems, CopPagination, register_router

from .models import WEEKDAYS, Blackout, Room, RoomsPage
from .services import local_zone
from .views import public_busy_slots

router = Router(tags=["Sale i dostępność"])
MAX_RANGE_DAYS = 62


class OpeningHoursOut(Schema):
    weekday: int = Field(description="0 = poniedziałek … 6 = niedziela")
    weekday_name: str
    opens: datetime.time
    closes: datetime.time


class RoomOut(Schema):
    id: int
    slug: str
    name: str
    floor: str
    capacity: int
    description: str
    equipment: list[str]
    accessibility_notes: str
    buffer_minutes: int
    min_notice_hours: int
    max_advance_days: int
    opening_hours: list[OpeningHoursOut]
    url: str | None = Field(description="Strona sali w serwisie (z tygodniowym widokiem zajętości).")
    ical_url: str | None = Field(description="Publiczny kalendarz zajętości sali (iCal).")


class BusySlot(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title: str = Field(description="„Zajęte” albo nazwa wydarzenia, gdy organizator zgodził się ją pokazać.")


class ClosedPeriod(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    reason: str


class AvailabilityOut(Schema):
    room: str
    date_from: datetime.date
    date_to: datetime.date
    buffer_minutes: int
    busy: list[BusySlot]
    closed: list[ClosedPeriod]


class AvailabilityFilters(Schema):
    date_from: datetime.date | None = Field(None, description="Od dnia (RRRR-MM-DD); domyślnie dziś.")
    date_to: datetime.date | None = Field(
        None,
        description=f"Do dnia włącznie (RRRR-MM-DD); domyślnie 7 dni od początku, najwyżej {MAX_RANGE_DAYS} dni.",
    )


WEEKDAY_NAMES = dict(WEEKDAYS)


def room_queryset():
    return Room.objects.filter(is_active=True).prefetch_related("opening_hours")


def rooms_page_url(request) -> str | None:
    page = RoomsPage.objects.live().public().first()
    return page.get_full_url(request).rstrip("/") if page else None


def room_item(room, base_url) -> dict:
    return {
        "id": room.pk,
        "slug": room.slug,
        "name": room.name,
        "floor": room.floor,
        "capacity": room.capacity,
        "description": room.description,
        "equipment": room.equipment_list(),
        "accessibility_notes": room.accessibility_notes,
        "buffer_minutes": room.buffer_minutes,
        "min_notice_hours": room.min_notice_hours,
        "max_advance_days": room.max_advance_days,
        "opening_hours": [
            {
                "weekday": h.weekday,
                "weekday_name": str(WEEKDAY_NAMES[h.weekday]),
                "opens": h.opens,
                "closes": h.closes,
            }
            for h in sorted(room.opening_hours.all(), key=lambda h: (h.weekday, h.opens))
        ],
        "url": f"{base_url}/sala/{room.slug}/" if base_url else None,
        "ical_url": f"{base_url}/sala/{room.slug}/kalendarz/" if base_url else None,
    }


@router.get("/rooms/", response=list[RoomOut], summary="Sale Centrum przyjmujące rezerwacje")
@paginate(CopPagination)
def list_rooms(request):
    base_url = rooms_page_url(request)
    return ConvertedItems(room_queryset(), lambda room: room_item(room, base_url))


@router.get("/rooms/{slug}/", response=RoomOut, summary="Jedna sala")
def get_room(request, slug: str):
    room = get_object_or_404(room_queryset(), slug=slug)
    return room_item(room, rooms_page_url(request))


@router.get(
    "/rooms/{slug}/availability/",
    response=AvailabilityOut,
    summary="Zajętość sali w przedziale dat (bez danych osobowych)",
)
def room_availability(request, slug: str, filters: Query[AvailabilityFilters]):
    room = get_object_or_404(Room.objects.filter(is_active=True), slug=slug)
    date_from = filters.date_from or timezone.localdate()
    date_to = filters.date_to or date_from + datetime.timedelta(days=6)
    if date_to < date_from:
        raise HttpError(400, "date_to nie może być wcześniejsza niż date_from")
    if (date_to - date_from).days >= MAX_RANGE_DAYS:
        raise HttpError(400, f"przedział może obejmować najwyżej {MAX_RANGE_DAYS} dni")
    zone = local_zone()
    start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    busy = [
        {"starts_at": b.starts_at, "ends_at": b.ends_at, "title": b.request.public_label}
        for b in public_busy_slots(room, start, end)
    ]
    closed = [
        {"starts_at": b.starts_at, "ends_at": b.ends_at, "reason": b.reason}
        for b in Blackout.objects.filter(
            Q(room=room) | Q(room__isnull=True), starts_at__lt=end, ends_at__gt=start
        )
    ]
    return {
        "room": room.slug,
        "date_from": date_from,
        "date_to": date_to,
        "buffer_minutes": room.buffer_minutes,
        "busy": busy,
        "closed": closed,
    }


register_router("/", router)
