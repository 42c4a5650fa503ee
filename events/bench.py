"""Benchmark data and targets of the events app (see bench/README.md; ``home.bench`` provides the tools).

``context.size("events")`` events in the calendar (2,000 at ``--scale full``), half past and half
upcoming (one a day around today), half of them with registration, and ``context.size("registrations")``
registrations spread over those (50,000 at full scale: confirmed up to the capacity, then the waiting
list); the targets are the calendar's views, the iCal feed, one event and the API.
"""

import datetime

from django.utils import timezone

from home.bench import BenchContext, Target, bulk_child_pages

from .models import EVENT_TYPES, PRIVACY_NOTICE, ConsentText, EventIndexPage, EventPage, Registration

PLACES = [
    ("Sala konferencyjna COP", "ul. 3-go Maja 19, 43-230 Czerwionka-Leszczyny"),
    ("Miejski Ośrodek Kultury", "ul. 3-go Maja 36A, 43-230 Czerwionka-Leszczyny"),
]


def build(context: BenchContext) -> None:
    calendar = EventIndexPage.objects.child_of(context.home).first()
    now = timezone.localtime()
    count = context.size("events")
    half = count // 2
    pages = []
    for number in range(count):
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
                registration_enabled=number % 2 == 0,
                capacity=40 if number % 2 == 0 else None,
                waiting_list_enabled=True,
                listing_summary="",
            )
        )
    saved = bulk_child_pages(calendar, pages, published_at=lambda page: None)
    context.note(f"{count} wydarzeń")
    add_registrations([page for page in saved if page.registration_enabled], context.size("registrations"))
    context.note(f"{context.size('registrations')} zapisów na wydarzenia")


def add_registrations(events: list[EventPage], count: int) -> None:
    """``count`` registrations spread evenly over ``events``: confirmed up to capacity, then waiting."""
    if not events or not count:
        return
    privacy = ConsentText.record("privacy", PRIVACY_NOTICE)
    rules = {}
    rows = []
    now = timezone.now()
    for number in range(count):
        event = events[number % len(events)]
        place = number // len(events)
        text = event.rules_consent_text()
        if text not in rules:
            rules[text] = ConsentText.record("rules", text)
        confirmed = event.capacity is None or place < event.capacity
        rows.append(
            Registration(
                event_id=event.pk,
                name=f"Uczestnik {number + 1}",
                email=f"uczestnik{number + 1}@example.org",
                organisation="Stowarzyszenie z gminy" if number % 3 == 0 else "",
                status=Registration.CONFIRMED if confirmed else Registration.WAITING,
                created_at=now - datetime.timedelta(minutes=count - number),
                consent_given_at=now,
                rules_consent=rules[text],
                privacy_consent=privacy,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=5000)


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
