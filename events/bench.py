"""Benchmark data and targets of the events app (see bench/README.md; ``home.bench`` provides the tools).

``context.rows`` events in the calendar, half past and half upcoming (one a day around today), a
third with registration; the targets are the calendar's views, the iCal feed, one event and the API.
"""

import datetime

from django.utils import timezone

from home.bench import BenchContext, Target, bulk_child_pages

from .models import EVENT_TYPES, EventIndexPage, EventPage

PLACES = [
    ("Sala konferencyjna COP", "ul. 3-go Maja 19, 43-230 Czerwionka-Leszczyny"),
    ("Miejski Ośrodek Kultury", "ul. 3-go Maja 36A, 43-230 Czerwionka-Leszczyny"),
]


def build(context: BenchContext) -> None:
    calendar = EventIndexPage.objects.child_of(context.home).first()
    now = timezone.localtime()
    half = context.rows // 2
    pages = []
    for number in range(context.rows):
        start = (now + datetime.timedelta(days=number - half)).replace(
            hour=17, minute=0, second=0, microsecond=0
        )
        event_type = EVENT_TYPES[number % len(EVENT_TYPES)][0]
        place = PLACES[number % len(PLACES)]
        pages.append(
            EventPage(
                title=f"Spotkanie organizacji nr {number + 1}",
                slug=f"bench-wydarzenie-{number + 1}",
                event_type=event_type,
                start=start,
                end=start + datetime.timedelta(hours=2),
                place_name=place[0],
                place_address=place[1],
                intro="Spotkanie organizacji pozarządowych z gminy Czerwionka-Leszczyny.",
                description=[{"type": "paragraph", "value": "<p>Program spotkania i prowadzący.</p>" * 3}],
                registration_enabled=number % 3 == 0,
                capacity=30 if number % 3 == 0 else None,
                listing_summary="",
            )
        )
    bulk_child_pages(calendar, pages, published_at=lambda page: None)
    context.note(f"{context.rows} wydarzeń")


def targets(context: BenchContext) -> list[Target]:
    calendar = EventIndexPage.objects.child_of(context.home).live().first()
    event = EventPage.objects.live().filter(start__gte=timezone.now()).order_by("start").first()
    month = timezone.localdate().strftime("%Y-%m")
    return [
        Target("kalendarz: nadchodzące", calendar.url),
        Target("kalendarz: nadchodzące, strona 20", f"{calendar.url}?strona=20"),
        Target("kalendarz: archiwum", f"{calendar.url}archiwum/"),
        Target("kalendarz: widok miesiąca", f"{calendar.url}miesiac/?miesiac={month}"),
        Target("kalendarz: filtr rodzaju", f"{calendar.url}?rodzaj=training"),
        Target("kalendarz iCal (nadchodzące)", f"{calendar.url}ical/"),
        Target("wydarzenie (najbliższe)", event.url),
        Target("API: wydarzenia", "/api/cop/v1/events/", kind="api"),
        Target("API: wydarzenia, filtr rodzaju", "/api/cop/v1/events/?type=training&limit=50", kind="api"),
    ]
