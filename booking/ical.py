"""iCalendar documents: the attachment of an approval e-mail and the public feed of a room."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//COP Czerwionka-Leszczyny//Sale i doradztwo//PL"
CENTRE_ADDRESS = "Centrum Organizacji Pozarządowych, I piętro, ul. 3-go Maja 19, 43-230 Czerwionka-Leszczyny"


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@cop-czerwionka-leszczyny"


def booking_calendar(request) -> Calendar:
    """Every date of an approved booking request, for the requester's own calendar."""
    calendar = new_calendar(_("Rezerwacja: %(room)s") % {"room": request.room.name})
    calendar.add("method", "PUBLISH")
    for occurrence in request.occurrences.all():
        event = Event()
        event.add("uid", uid("rezerwacja", occurrence.pk))
        event.add("dtstamp", timezone.now())
        event.add("dtstart", occurrence.starts_at)
        event.add("dtend", occurrence.ends_at)
        event.add("summary", f"{request.room.name} – {request.public_title or _('rezerwacja sali')}")
        event.add("location", f"{request.room.name}, {CENTRE_ADDRESS}")
        event.add("description", request.purpose)
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar


def advisory_calendar(request) -> Calendar:
    """The agreed consultation time."""
    calendar = new_calendar(_("Konsultacja w COP"))
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid("doradztwo", request.pk))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", request.appointment_starts_at)
    event.add("dtend", request.appointment_ends_at)
    event.add("summary", _("Konsultacja: %(topic)s") % {"topic": request.get_topic_display()})
    event.add("location", request.appointment_place or CENTRE_ADDRESS)
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    return calendar


def room_feed(room, bookings) -> Calendar:
    """A room's public busy slots: no names, no purpose unless the requester made the event public."""
    calendar = new_calendar(_("%(room)s – zajętość (COP)") % {"room": room.name})
    for booking in bookings:
        event = Event()
        event.add("uid", uid("zajetosc", booking.pk))
        event.add("dtstamp", booking.request.decided_at or booking.request.created_at)
        event.add("dtstart", booking.starts_at)
        event.add("dtend", booking.ends_at)
        event.add("summary", booking.request.public_label)
        event.add("location", f"{room.name}, {CENTRE_ADDRESS}")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return calendar
