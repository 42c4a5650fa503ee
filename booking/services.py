"""Domain operations of the booking app.

* :func:`plan_occurrences` / :func:`check_occurrences`: the booking rules (opening hours, buffer,
  notice, advance, blackouts, approved bookings), each failing date reported with its reason;
* :class:`DecisionWorkflow`: the one implementation of "request → staff decision → e-mail",
  specialised by :class:`BookingWorkflow` and :class:`AdvisoryWorkflow`.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.mail import queue_email
from home.notifications import enqueue_staff_notification
from home.protection import notify_after_commit

from .ical import advisory_calendar, booking_calendar
from .models import AdvisoryRequest, Blackout, Booking, BookingRequest, RequestStatus, Room

MAX_OCCURRENCES = 26
EXCLUSION_CONSTRAINT = "booking_no_overlapping_approved"


def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def describe_day(day: datetime.date) -> str:
    """„12.03.2027 (piątek)”."""
    return f"{day:%d.%m.%Y} ({formats.date_format(day, 'l').lower()})"


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime | None:
    """``day`` at wall-clock ``time`` in the Centre's zone; ``None`` when that time does not exist (DST)."""
    zone = local_zone()
    aware = datetime.datetime.combine(day, time).replace(tzinfo=zone)
    round_trip = aware.astimezone(datetime.UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != aware.replace(tzinfo=None):
        return None
    # In UTC, so that arithmetic and comparisons are in real time (Python compares two datetimes
    # of the same zone by their wall-clock reading, which is wrong across a DST change).
    return aware.astimezone(datetime.UTC)


@dataclass
class Occurrence:
    """One date of a request: local day, aware start and end (``None`` when the time does not exist)."""

    day: datetime.date
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None


@dataclass
class Problem:
    day: datetime.date
    reason: str

    def __str__(self):
        return f"{describe_day(self.day)}: {self.reason}"


def plan_occurrences(
    day: datetime.date, start: datetime.time, end: datetime.time, repeat_until: datetime.date | None = None
) -> list[Occurrence]:
    """Every date of a request; weekly dates keep the same wall-clock time across DST changes."""
    days = [day]
    if repeat_until:
        current = day + datetime.timedelta(days=7)
        while current <= repeat_until and len(days) < MAX_OCCURRENCES:
            days.append(current)
            current += datetime.timedelta(days=7)
    return [Occurrence(d, local_datetime(d, start), local_datetime(d, end)) for d in days]


def check_occurrences(
    room: Room, occurrences: list[Occurrence], now=None, exclude_request=None, only_conflicts=False
) -> list[Problem]:
    """The reasons why dates cannot be booked (empty when all are fine).

    Blackouts and approved bookings for the whole span are read once, not per date.
    ``only_conflicts`` checks blackouts and approved bookings only (what approval re-checks).
    """
    now = now or timezone.now()
    zone = local_zone()
    problems: list[Problem] = []
    valid = [o for o in occurrences if o.starts_at and o.ends_at]
    buffer = datetime.timedelta(minutes=room.buffer_minutes)
    blackouts, approved = [], []
    if valid:
        span_start = min(o.starts_at for o in valid) - buffer
        span_end = max(o.ends_at for o in valid) + buffer
        blackouts = list(
            Blackout.objects.filter(
                Q(room=room) | Q(room__isnull=True), starts_at__lt=span_end, ends_at__gt=span_start
            )
        )
        approved_qs = Booking.objects.filter(
            room=room, status=RequestStatus.APPROVED, starts_at__lt=span_end, blocked_until__gt=span_start
        )
        if exclude_request is not None:
            approved_qs = approved_qs.exclude(request=exclude_request)
        approved = list(approved_qs)
    hours = list(room.opening_hours.all())
    latest_day = timezone.localdate(now) + datetime.timedelta(days=room.max_advance_days)
    earliest_start = now + datetime.timedelta(hours=room.min_notice_hours)

    for occurrence in occurrences:
        day = occurrence.day
        if occurrence.starts_at is None or occurrence.ends_at is None:
            problems.append(
                Problem(day, _("tej godziny nie ma tego dnia (zmiana czasu na letni) – wybierz inną."))
            )
            continue
        start, end = occurrence.starts_at, occurrence.ends_at
        if end <= start:
            problems.append(
                Problem(day, _("godzina zakończenia musi być późniejsza niż godzina rozpoczęcia."))
            )
            continue
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        day_hours = [None] if only_conflicts else [h for h in hours if h.weekday == day.weekday()]
        if not day_hours:
            problems.append(Problem(day, "sala jest w tym dniu tygodnia nieczynna."))
        elif not only_conflicts and not any(
            h.opens <= local_start.time() and local_end.time() <= h.closes for h in day_hours
        ):
            ranges = ", ".join(
                f"{h.opens:%H:%M}–{h.closes:%H:%M}" for h in sorted(day_hours, key=lambda h: h.opens)
            )
            problems.append(
                Problem(
                    day,
                    _("rezerwacja wykracza poza godziny dostępności sali (%(hours)s).") % {"hours": ranges},
                )
            )
        if not only_conflicts and start < earliest_start:
            problems.append(
                Problem(
                    day,
                    _("wniosek trzeba złożyć co najmniej %(hours)s godz. przed rozpoczęciem.")
                    % {"hours": room.min_notice_hours},
                )
            )
        if not only_conflicts and day > latest_day:
            problems.append(
                Problem(
                    day,
                    _("salę można rezerwować najwyżej %(days)s dni naprzód.")
                    % {"days": room.max_advance_days},
                )
            )
        for blackout in blackouts:
            if blackout.starts_at < end and blackout.ends_at > start:
                message = (
                    _("sala jest w tym czasie niedostępna: %(reason)s.")
                    if blackout.room_id
                    else _("Centrum jest w tym czasie niedostępne: %(reason)s.")
                )
                problems.append(Problem(day, message % {"reason": blackout.reason}))
                break
        for booking in approved:
            # The room is busy from a booking's start until its end plus the buffer, both ways.
            if booking.starts_at < end + buffer and booking.blocked_until > start:
                busy_from = timezone.localtime(booking.starts_at, zone)
                busy_to = timezone.localtime(booking.ends_at, zone)
                problems.append(
                    Problem(
                        day,
                        _(
                            "sala jest zajęta %(start)s–%(end)s (z %(buffer)s min przerwy między rezerwacjami)."
                        )
                        % {
                            "start": f"{busy_from:%H:%M}",
                            "end": f"{busy_to:%H:%M}",
                            "buffer": room.buffer_minutes,
                        },
                    )
                )
                break
    return problems


def validate_booking(
    room: Room,
    day: datetime.date,
    start: datetime.time,
    end: datetime.time,
    attendees: int,
    repeat_until: datetime.date | None = None,
    now=None,
) -> list[Occurrence]:
    """Raise ``ValidationError`` (field errors and one message per failing date) or return the dates.

    Every problem is reported at once: a too-large group or an inactive room does not hide the dates
    that cannot be booked; only a time range or a repetition that cannot be planned stops early.
    """
    errors: dict[str, list[str]] = {}
    if not room.is_active:
        errors.setdefault("room", []).append(_("Ta sala nie przyjmuje obecnie rezerwacji."))
    if attendees and attendees > room.capacity:
        errors.setdefault("attendees", []).append(
            _(
                "Sala „%(room)s” mieści najwyżej %(capacity)s osób – zmniejsz liczbę uczestników "
                "lub wybierz inną salę."
            )
            % {"room": room.name, "capacity": room.capacity}
        )
    unplannable: dict[str, list[str]] = {}
    if end <= start:
        unplannable.setdefault("end_time", []).append(
            _("Godzina zakończenia musi być późniejsza niż godzina rozpoczęcia.")
        )
    if repeat_until is not None and repeat_until <= day:
        unplannable.setdefault("repeat_until", []).append(
            _("Data końca powtarzania musi być późniejsza niż data spotkania.")
        )
    if repeat_until is not None and (repeat_until - day).days // 7 + 1 > MAX_OCCURRENCES:
        unplannable.setdefault("repeat_until", []).append(
            _("Jeden wniosek może objąć najwyżej %(count)s spotkań – wybierz wcześniejszą datę końca.")
            % {"count": MAX_OCCURRENCES}
        )
    if unplannable:
        raise ValidationError({**errors, **unplannable})
    occurrences = plan_occurrences(day, start, end, repeat_until)
    problems = check_occurrences(room, occurrences, now=now)
    if problems:
        intro = (
            _("Nie można zarezerwować sali w wybranym terminie:")
            if len(occurrences) == 1
            else _("Nie można zarezerwować %(failing)s z %(all)s terminów:")
            % {"failing": len({p.day for p in problems}), "all": len(occurrences)}
        )
        errors = {NON_FIELD_ERRORS: [intro, *[str(problem) for problem in problems]], **errors}
    if errors:
        raise ValidationError(errors)
    return occurrences


class DecisionError(Exception):
    """A decision staff cannot make now; the message is shown to them as it is (Polish)."""


class DecisionWorkflow:
    """Request → staff decision → e-mail. Subclasses say what approving means for their request."""

    model = None
    kind = ""  # URL part and e-mail template prefix
    label = ""

    # Submission ---------------------------------------------------------------------------------

    def submit(self, obj, **kwargs):
        """Save the request (with whatever ``save_related`` adds) and e-mail the requester afterwards."""
        with transaction.atomic():
            obj.save()
            self.save_related(obj, **kwargs)
            notify_after_commit(self.send, obj.pk, "received")
            notify_after_commit(self.notify_staff, obj.pk)
        return obj

    def save_related(self, obj, **kwargs):
        pass

    # Decisions ----------------------------------------------------------------------------------

    def approve(self, obj, user, note: str = "", **data):
        with transaction.atomic():
            self.lock(obj)
            locked = self.model.objects.select_for_update().get(pk=obj.pk)
            if locked.status != RequestStatus.PENDING:
                raise DecisionError(
                    _("Ten wniosek ma już status „%(status)s”.") % {"status": locked.get_status_display()}
                )
            self.on_approve(locked, **data)
            self.decide(locked, RequestStatus.APPROVED, user, note)
            notify_after_commit(self.send, locked.pk, "approved")
        return locked

    def decline(self, obj, user, reason: str):
        if not reason.strip():
            raise DecisionError(_("Podaj powód odrzucenia – trafi on do wnioskodawcy."))
        with transaction.atomic():
            locked = self.model.objects.select_for_update().get(pk=obj.pk)
            if locked.status != RequestStatus.PENDING:
                raise DecisionError(
                    _("Ten wniosek ma już status „%(status)s”.") % {"status": locked.get_status_display()}
                )
            self.on_close(locked, RequestStatus.DECLINED)
            self.decide(locked, RequestStatus.DECLINED, user, reason)
            notify_after_commit(self.send, locked.pk, "declined")
        return locked

    def withdraw(self, obj):
        """The requester's own withdrawal through the signed link."""
        with transaction.atomic():
            locked = self.model.objects.select_for_update().get(pk=obj.pk)
            if not locked.can_withdraw:
                raise DecisionError(_("Tego wniosku nie można już wycofać."))
            self.on_close(locked, RequestStatus.WITHDRAWN)
            locked.status = RequestStatus.WITHDRAWN
            locked.save(update_fields=["status"])
            notify_after_commit(self.send, locked.pk, "withdrawn")
            notify_after_commit(self.notify_staff, locked.pk)
        return locked

    def decide(self, obj, status, user, reason):
        obj.status = status
        obj.decided_at = timezone.now()
        obj.decided_by = user
        obj.decision_reason = reason
        obj.save()

    def lock(self, obj):
        """Serialise decisions that could collide (see BookingWorkflow)."""

    def on_approve(self, obj, **data):
        pass

    def on_close(self, obj, status):
        pass

    def conflicts(self, obj) -> list:
        return []

    # E-mail -------------------------------------------------------------------------------------

    def status_url(self, obj) -> str:
        page = self.page()
        if page is None:
            return ""
        return page.get_full_url().rstrip("/") + f"/wniosek/{obj.get_token()}/"

    def page(self):
        return None

    def calendar(self, obj):
        return None

    def send(self, pk: int, event: str):
        obj = self.model.objects.get(pk=pk)
        context = {"obj": obj, "event": event, "status_url": self.status_url(obj), "kind": self.kind}
        subject = render_to_string(f"booking/email/{self.kind}_subject.txt", context).strip()
        body = render_to_string(f"booking/email/{self.kind}_body.txt", context)
        message = EmailMessage(subject=subject, body=body, to=[obj.requester_email])
        if event == "approved":
            calendar = self.calendar(obj)
            if calendar is not None:
                message.attach(
                    f"{self.kind}-{obj.pk}.ics", calendar.to_ical(), "text/calendar; charset=utf-8"
                )
        queue_email(message)

    def notify_staff(self, pk: int):
        """Tell the staff group (site settings) about a new or withdrawn request; called after the commit."""
        obj = self.model.objects.get(pk=pk)
        opts = self.model._meta
        lines = [
            f"{self.label}: {obj}",
            f"Status: {obj.get_status_display()}",
            f"Wnioskodawca: {obj.requester_name} ({obj.requester_label})",
        ]
        withdrawn = "" if obj.status == RequestStatus.PENDING else " – wycofany przez wnioskodawcę"
        enqueue_staff_notification(
            f"{self.label}{withdrawn}: {obj}",
            lines,
            reverse(f"{opts.app_label}_{opts.model_name}_modeladmin_inspect", args=[obj.pk]),
            "Otwórz wniosek w panelu",
        )


class BookingWorkflow(DecisionWorkflow):
    """Room bookings: approving makes every date of the request busy, or fails as a whole."""

    model = BookingRequest
    kind = "booking"
    label = gettext_lazy("Wniosek o rezerwację sali")

    def save_related(self, obj, occurrences=()):
        Booking.objects.bulk_create(
            [
                Booking(
                    request=obj,
                    room=obj.room,
                    starts_at=o.starts_at,
                    ends_at=o.ends_at,
                    blocked_until=o.ends_at + datetime.timedelta(minutes=obj.room.buffer_minutes),
                )
                for o in occurrences
            ]
        )

    def lock(self, obj):
        # SQLite has no row locks: a first write takes the database's write lock, so concurrent
        # approvals run one after another and each re-check below sees the previous one's result.
        # PostgreSQL relies on the exclusion constraint instead (a concurrent winner makes ours fail).
        from django.db import connection

        if connection.vendor != "postgresql":
            Room.objects.filter(pk=obj.room_id).update(sort_order=F("sort_order"))

    def on_approve(self, obj, **data):
        occurrences = list(obj.occurrences.all())
        plan = [
            Occurrence(timezone.localtime(o.starts_at).date(), o.starts_at, o.ends_at) for o in occurrences
        ]
        clashes = check_occurrences(obj.room, plan, exclude_request=obj, only_conflicts=True)
        if clashes:
            raise DecisionError(
                _("Nie można zatwierdzić – sala jest już zajęta: %(dates)s")
                % {"dates": "; ".join(str(c) for c in clashes)}
            )
        try:
            with transaction.atomic():
                Booking.objects.filter(request=obj).update(status=RequestStatus.APPROVED)
        except IntegrityError as error:
            if EXCLUSION_CONSTRAINT in str(error):
                raise DecisionError(
                    _(
                        "Nie można zatwierdzić – w tej chwili zatwierdzono inną rezerwację tej sali "
                        "w kolidującym terminie. Odśwież wniosek i sprawdź konflikty."
                    )
                ) from error
            raise

    def on_close(self, obj, status):
        Booking.objects.filter(request=obj).update(status=status)

    def conflicts(self, obj) -> list[Booking]:
        """Other pending or approved dates of the same room that overlap this request's dates."""
        occurrences = list(obj.occurrences.all())
        if not occurrences:
            return []
        condition = Q()
        for o in occurrences:
            condition |= Q(starts_at__lt=o.blocked_until, blocked_until__gt=o.starts_at)
        return list(
            Booking.objects.filter(
                condition, room_id=obj.room_id, status__in=[RequestStatus.PENDING, RequestStatus.APPROVED]
            )
            .exclude(request=obj)
            .select_related("request")
            .order_by("starts_at")
        )

    def page(self):
        from .models import RoomsPage

        return RoomsPage.objects.live().first()

    def calendar(self, obj):
        return booking_calendar(obj)


class AdvisoryWorkflow(DecisionWorkflow):
    """Advisory appointments: accepting sets the consultation's time and place."""

    model = AdvisoryRequest
    kind = "advisory"
    label = gettext_lazy("Wniosek o doradztwo")

    def on_approve(self, obj, starts_at=None, ends_at=None, place=""):
        if not starts_at or not ends_at or ends_at <= starts_at:
            raise DecisionError(_("Podaj termin konsultacji: godzina zakończenia po godzinie rozpoczęcia."))
        obj.appointment_starts_at = starts_at
        obj.appointment_ends_at = ends_at
        obj.appointment_place = place

    def page(self):
        from .models import AdvisoryPage

        return AdvisoryPage.objects.live().first()

    def calendar(self, obj):
        return advisory_calendar(obj)


WORKFLOWS: dict[str, DecisionWorkflow] = {"booking": BookingWorkflow(), "advisory": AdvisoryWorkflow()}
