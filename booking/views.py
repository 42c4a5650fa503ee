"""Public views behind the rooms and advisory pages (called from their routes)."""

import datetime

from django.contrib import messages
from django.db import models
from django.db.models import F, Prefetch, Q, Value, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.images import get_image_model

from home.protection import protected_post

from .forms import AdvisoryRequestForm, BookingRequestForm
from .ical import room_feed
from .models import Blackout, Booking, BookingRequest, RequestStatus, Room, RoomPhoto
from .services import WORKFLOWS, DecisionError, describe_day, local_datetime, local_zone

PHOTO_RENDITION = "fill-640x400"
WEEK_PARAM = "tydzien"


def room_photos():
    """Room photos with their images (joined) and the images' renditions (one more query)."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=PHOTO_RENDITION)
    return (
        RoomPhoto.objects.select_related("image")
        .prefetch_related(Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions"))
        .order_by("sort_order")
    )


def public_rooms():
    """Active rooms with their hours and photos (three queries plus one for renditions)."""
    return Room.objects.filter(is_active=True).prefetch_related(
        "opening_hours", Prefetch("photos", queryset=room_photos())
    )


def public_room(slug: str) -> tuple[Room, list[RoomPhoto]]:
    """One active room, its opening hours and its photos (with renditions) in three queries.

    The photos are read joined with their room, so a room with photos needs no query of its own.
    """
    photos = list(room_photos().filter(room__slug=slug, room__is_active=True).select_related("room"))
    room = photos[0].room if photos else get_object_or_404(Room, slug=slug, is_active=True)
    prefetch_related_objects([room], "opening_hours")
    return room, photos


def rooms_index(request, page):
    return page.render(request, context_overrides={"rooms": public_rooms()})


def parse_week(value: str | None) -> datetime.date | None:
    """Monday of an ISO week written as ``2026-W48``; ``None`` when missing or malformed."""
    if not value:
        return None
    try:
        year, week = value.upper().split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1)
    except (ValueError, TypeError):
        return None


def week_label(monday: datetime.date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def public_busy_slots(room, start: datetime.datetime, end: datetime.datetime):
    """Approved bookings of ``room`` in [start, end): only what the public may see is loaded."""
    return (
        Booking.objects.filter(room=room, status=RequestStatus.APPROVED, starts_at__lt=end, ends_at__gt=start)
        .select_related("request")
        .only(
            "starts_at",
            "ends_at",
            "request__show_publicly",
            "request__public_title",
            "request__decided_at",
            "request__created_at",
        )
        .order_by("starts_at")
    )


def occupancy(
    room, start: datetime.datetime, end: datetime.datetime, *, staff: bool = False
) -> tuple[list[Booking], list[Blackout]]:
    """Approved bookings of ``room`` and the blackouts (its own and the Centre's) in [start, end).

    One query (``UNION ALL``) for both; the rows come back as unsaved ``Booking`` (with the public
    part of their request) and ``Blackout`` objects, with no personal data loaded.

    ``staff=True`` is the staff calendar's reading: pending bookings too, every room when ``room`` is
    ``None``, and each row also carries what staff see (status, request, room, requester's label).
    """
    text, flag, number = models.CharField(), models.BooleanField(), models.IntegerField()
    booking_columns = {
        "kind": Value("booking", output_field=text),
        "shown": F("request__show_publicly"),
        "label": F("request__public_title"),
    }
    blackout_columns = {
        "kind": Value("blackout", output_field=text),
        "shown": Value(False, output_field=flag),
        "label": F("reason"),
    }
    statuses = [RequestStatus.APPROVED]
    if staff:
        statuses.append(RequestStatus.PENDING)
        booking_columns |= {
            "state": F("status"),
            "request_pk": F("request_id"),
            "room_pk": F("room_id"),
            "room_name": F("room__name"),
            "ngo_pk": F("request__ngo_id"),
            "ngo_title": F("request__ngo__title"),
            "group": F("request__group_name"),
        }
        blackout_columns |= {
            "state": Value("", output_field=text),
            "request_pk": Value(None, output_field=number),
            "room_pk": F("room_id"),
            "room_name": F("room__name"),
            "ngo_pk": Value(None, output_field=number),
            "ngo_title": Value(None, output_field=text),
            "group": Value("", output_field=text),
        }
    columns = ["starts_at", "ends_at", *booking_columns]
    bookings = Booking.objects.filter(status__in=statuses, starts_at__lt=end, ends_at__gt=start)
    blackouts = Blackout.objects.filter(starts_at__lt=end, ends_at__gt=start)
    if room is not None:
        bookings = bookings.filter(room=room)
        blackouts = blackouts.filter(Q(room=room) | Q(room__isnull=True))
    bookings = bookings.order_by().annotate(**booking_columns).values(*columns)
    blackouts = blackouts.order_by().annotate(**blackout_columns).values(*columns)
    busy, closed = [], []
    for row in bookings.union(blackouts, all=True).order_by("starts_at"):
        if row["kind"] == "booking":
            busy.append(occupancy_booking(row, staff))
        else:
            closed.append(occupancy_blackout(row, staff))
    return busy, closed


def occupancy_booking(row: dict, staff: bool) -> Booking:
    request = BookingRequest(show_publicly=row["shown"], public_title=row["label"])
    booking = Booking(starts_at=row["starts_at"], ends_at=row["ends_at"])
    if staff:
        request.pk, request.status, request.group_name = row["request_pk"], row["state"], row["group"]
        if row["ngo_pk"] is not None:
            ngo_model = BookingRequest._meta.get_field("ngo").related_model
            request.ngo = ngo_model(pk=row["ngo_pk"], title=row["ngo_title"])
        booking.status = row["state"]
        booking.room = Room(pk=row["room_pk"], name=row["room_name"])
    booking.request = request
    return booking


def occupancy_blackout(row: dict, staff: bool) -> Blackout:
    blackout = Blackout(starts_at=row["starts_at"], ends_at=row["ends_at"], reason=row["label"])
    if staff and row["room_pk"] is not None:
        blackout.room = Room(pk=row["room_pk"], name=row["room_name"])
    return blackout


def room_week(room, monday: datetime.date) -> list[dict]:
    """Seven days of a room: its opening hours, busy slots and blackouts (no personal data)."""
    zone = local_zone()
    start = datetime.datetime.combine(monday, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time.min, tzinfo=zone)
    busy, blackouts = occupancy(room, start, end)
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        day_start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
        day_end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
        slots = [
            {
                "start": timezone.localtime(b.starts_at, zone),
                "end": timezone.localtime(b.ends_at, zone),
                "label": b.request.public_label,
            }
            for b in busy
            if b.starts_at < day_end and b.ends_at > day_start
        ]
        hours = room.hours_for(day.weekday())
        closed, closed_all_day = closed_periods(blackouts, day, hours, zone)
        days.append(
            {
                "date": day,
                "label": describe_day(day),
                "hours": hours,
                "slots": slots,
                "closed": closed,
                "closed_all_day": closed_all_day,
                "is_today": day == timezone.localdate(),
            }
        )
    return days


def closed_hours(blackout, day: datetime.date, hours, zone) -> str | None:
    """How a blackout falls on one day: ``None`` when it misses the day, ``""`` when it covers all
    the day's opening hours (all of the day when ``hours`` is empty), else its hours („14:00–18:00”).
    """
    day_start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    day_end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    if not (blackout.starts_at < day_end and blackout.ends_at > day_start):
        return None
    open_from = (hours and local_datetime(day, min(h.opens for h in hours))) or day_start
    open_until = (hours and local_datetime(day, max(h.closes for h in hours))) or day_end
    if blackout.starts_at <= open_from and blackout.ends_at >= open_until:
        return ""
    start = timezone.localtime(max(blackout.starts_at, day_start), zone)
    end = timezone.localtime(min(blackout.ends_at, day_end), zone)
    until = "24:00" if end >= day_end else f"{end:%H:%M}"
    return f"{start:%H:%M}–{until}"


def closed_periods(blackouts, day: datetime.date, hours, zone) -> tuple[list[str], bool]:
    """What is closed on one day, and whether the room is closed for all its opening hours that day.

    A blackout covering the day's opening hours reads „Święto gminy”; one covering only a part of
    them reads „14:00–18:00 Zebranie”, so visitors still see the hours they can book.
    """
    labels, all_day = [], False
    for blackout in sorted(blackouts, key=lambda b: b.starts_at):
        period = closed_hours(blackout, day, hours, zone)
        if period is None:
            continue
        if period == "":
            all_day = True
            labels.append(blackout.reason)
        else:
            labels.append(f"{period} {blackout.reason}")
    return labels, all_day


def room_detail(request, page, slug):
    room, photos = public_room(slug)
    today = timezone.localdate()
    monday = parse_week(request.GET.get(WEEK_PARAM)) or today - datetime.timedelta(days=today.weekday())
    return page.render(
        request,
        template="booking/room_detail.html",
        context_overrides={
            "room": room,
            "photos": photos,
            "week": room_week(room, monday),
            "week_start": monday,
            "week_end": monday + datetime.timedelta(days=6),
            "previous_week": week_label(monday - datetime.timedelta(days=7)),
            "next_week": week_label(monday + datetime.timedelta(days=7)),
            "this_week": week_label(today - datetime.timedelta(days=today.weekday())),
            "week_param": WEEK_PARAM,
        },
    )


def room_ical(request, page, slug):
    room = get_object_or_404(Room, slug=slug, is_active=True)
    now = timezone.now()
    bookings = public_busy_slots(room, now - datetime.timedelta(days=30), now + datetime.timedelta(days=400))
    response = HttpResponse(room_feed(room, bookings).to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{room.slug}.ics"'
    return response


@protected_post("booking-request")
def booking_request_form(request, page):
    workflow = WORKFLOWS["booking"]
    if request.method == "POST":
        form = BookingRequestForm(request.POST)
        if form.is_valid():
            obj = workflow.submit(form.build_request(), occurrences=form.occurrences)
            return HttpResponseRedirect(status_path(page, obj) + "?nowy=1")
    else:
        room = Room.objects.filter(slug=request.GET.get("sala", ""), is_active=True).first()
        form = BookingRequestForm(initial={"room": room} if room else None)
    return page.render(
        request, template="booking/booking_request_form.html", context_overrides={"form": form}
    )


@protected_post("advisory-request")
def advisory_request_form(request, page):
    workflow = WORKFLOWS["advisory"]
    if request.method == "POST":
        form = AdvisoryRequestForm(request.POST)
        if form.is_valid():
            obj = workflow.submit(form.save(commit=False))
            return HttpResponseRedirect(status_path(page, obj) + "?nowy=1")
    else:
        topic = request.GET.get("temat")
        form = AdvisoryRequestForm(initial={"topic": topic} if topic else None)
    return page.render(request, context_overrides={"form": form})


def status_path(page, obj) -> str:
    return page.url.rstrip("/") + f"/wniosek/{obj.get_token()}/"


# The signed link shows one person's request: never kept by the page cache or a proxy.
@never_cache
@protected_post("request-status")
def request_status(request, page, kind, token):
    """The requester's private page (signed link): status, details, withdrawal."""
    workflow = WORKFLOWS[kind]
    obj = workflow.model.from_token(token)
    if obj is None:
        raise Http404(_("Nieprawidłowy odnośnik."))
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        try:
            workflow.withdraw(obj)
            messages.success(request, _("Wniosek został wycofany. Wysłaliśmy potwierdzenie e-mailem."))
        except DecisionError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(status_path(page, obj))
    return page.render(
        request,
        template="booking/request_status.html",
        context_overrides={"obj": obj, "kind": kind, "is_new": request.GET.get("nowy") == "1"},
    )
