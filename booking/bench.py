"""Benchmark data and targets of room booking (see bench/README.md; ``home.bench`` provides the tools).

``build`` adds ``context.size("bookings")`` one-off room bookings (10,000 at ``--scale full``), each a
request with its date row, spread over the rooms, three a day, from long ago to months ahead: mostly
approved (never overlapping, as the PostgreSQL exclusion constraint demands), some pending or
declined. The targets are the rooms page, a room's calendar (HTML and iCal), the forms and the API.
"""

import datetime

from django.utils import timezone

from home.bench import BenchContext, Target

from .models import AdvisoryPage, Booking, BookingRequest, RequestStatus, Room, RoomsPage

SLOTS = [
    (datetime.time(8), datetime.time(9, 30)),
    (datetime.time(11), datetime.time(12, 30)),
    (datetime.time(14), datetime.time(15, 30)),
]
GROUPS = ["Chór „Lutnia”", "Klub Seniora „Pogodna Jesień”", "UKS Orlik", "KGW Palowice", "Fundacja Uśmiech"]


def build(context: BenchContext) -> None:
    count = context.size("bookings")
    rooms = list(Room.objects.filter(is_active=True).order_by("sort_order", "pk"))
    taken = [
        (booking.room_id, booking.starts_at, booking.blocked_until)
        for booking in Booking.objects.filter(status=RequestStatus.APPROVED)
    ]
    per_day = len(rooms) * len(SLOTS)
    first_day = timezone.localdate() - datetime.timedelta(days=int(count / per_day * 0.7))
    zone = timezone.get_current_timezone()
    requests, dates = [], []
    number = 0
    day_index = 0
    while len(requests) < count:
        day = first_day + datetime.timedelta(days=day_index)
        day_index += 1
        for room in rooms:
            for start, end in SLOTS:
                if len(requests) == count:
                    break
                starts_at = datetime.datetime.combine(day, start, zone)
                ends_at = datetime.datetime.combine(day, end, zone)
                blocked_until = ends_at + datetime.timedelta(minutes=room.buffer_minutes)
                if any(r == room.pk and s < blocked_until and starts_at < b for r, s, b in taken):
                    continue
                status = (
                    RequestStatus.PENDING
                    if number % 10 == 0
                    else RequestStatus.DECLINED
                    if number % 10 == 1
                    else RequestStatus.APPROVED
                )
                number += 1
                requests.append(
                    BookingRequest(
                        room=room,
                        first_starts_at=starts_at,
                        status=status,
                        requester_name=f"Osoba wnioskująca {number}",
                        requester_email=f"rezerwacja{number}@example.org",
                        group_name=GROUPS[number % len(GROUPS)],
                        attendees=min(room.capacity, 10),
                        purpose="Spotkanie członków organizacji.",
                        rules_accepted=True,
                        show_publicly=number % 3 == 0,
                        public_title=f"Spotkanie: {GROUPS[number % len(GROUPS)]}" if number % 3 == 0 else "",
                        decided_at=timezone.now() if status != RequestStatus.PENDING else None,
                    )
                )
                dates.append((room, starts_at, ends_at, blocked_until, status))
    requests = BookingRequest.objects.bulk_create(requests, batch_size=2000)
    Booking.objects.bulk_create(
        [
            Booking(request=request, room=room, starts_at=s, ends_at=e, blocked_until=b, status=status)
            for request, (room, s, e, b, status) in zip(requests, dates, strict=True)
        ],
        batch_size=2000,
    )
    context.note(f"{count} rezerwacji sal")


def targets(context: BenchContext) -> list[Target]:
    rooms_page = RoomsPage.objects.live().first()
    advisory = AdvisoryPage.objects.live().first()
    room = Room.objects.filter(is_active=True).order_by("sort_order", "pk").first()
    return [
        Target("sale do wynajęcia", rooms_page.url),
        Target("sala: kalendarz tygodnia", f"{rooms_page.url}sala/{room.slug}/"),
        Target("sala: iCal", f"{rooms_page.url}sala/{room.slug}/kalendarz/"),
        Target("formularz: rezerwacja sali", f"{rooms_page.url}rezerwacja/"),
        Target("doradztwo: formularz", advisory.url),
        Target("API: sale", "/api/cop/v1/rooms/", kind="api"),
        Target("API: dostępność sali", f"/api/cop/v1/rooms/{room.slug}/availability/", kind="api"),
    ]
