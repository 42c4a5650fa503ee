"""iCalendar (RFC 5545) output of events, built with the ``icalendar`` library.

Times are written with ``TZID=Europe/Warsaw`` and the matching VTIMEZONE; every event has a stable
UID (page id and host) and a DTSTAMP. Only public facts about the event: never a registration.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

PRODID = "-//Centrum Organizacji Pozarzadowych Czerwionka-Leszczyny//Wydarzenia//PL"


def uid_for(event) -> str:
    host = getattr(settings, "COP_ICAL_UID_DOMAIN", "cop.czerwionka-leszczyny.pl")
    return f"wydarzenie-{event.pk}@{host}"


def build_calendar(events, *, name: str) -> Calendar:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    first = stamp.date()
    for page in events:
        first = min(first, page.start.date())
        event = Event()
        event.add("uid", uid_for(page))
        event.add("dtstamp", stamp)
        event.add("dtstart", page.start.astimezone(tz))
        event.add("dtend", page.end.astimezone(tz))
        event.add("summary", page.title)
        description = page.intro or strip_tags(page.get_summary())
        if description:
            event.add("description", description)
        event.add("location", ", ".join(filter(None, [page.place_name, page.place_address])))
        event.add("url", page.full_url or "")
        event.add("status", "CANCELLED" if page.is_cancelled else "CONFIRMED")
        event.add("categories", [page.get_event_type_display()])
        if page.last_published_at:
            event.add("last-modified", page.last_published_at)
        event.add("organizer", f"mailto:{organiser_email(page)}", parameters={"cn": page.organiser_name})
        calendar.add_component(event)
    # Only the transitions that matter: from a year before the first event to a few years ahead.
    calendar.add_missing_timezones(
        first_date=datetime.date(first.year - 1, 1, 1), last_date=datetime.date(stamp.year + 5, 1, 1)
    )
    return calendar


def organiser_email(page) -> str:
    """The organiser's public address (an NGO's public e-mail or the Centre's), never a participant's."""
    if page.organiser_id and page.organiser and page.organiser.email:
        return page.organiser.email
    return settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()


def calendar_response(events, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        build_calendar(events, name=name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
