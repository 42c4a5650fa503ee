"""Request → staff decision → e-mail, for bookings and advisory requests (one workflow)."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from booking.factories import AdvisoryRequestFactory, BookingRequestFactory, RoomFactory
from booking.models import Booking, BookingRequest, RequestStatus
from booking.services import WORKFLOWS, DecisionError
from tests.concurrency import all_at_once

from .conftest import WARSAW, local, next_weekday

pytestmark = pytest.mark.django_db


def ics_events(message):
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def approver(staff_user):
    return staff_user


def test_approving_a_booking_makes_its_dates_busy_and_mails_an_ics(
    rooms_page, room, approver, django_capture_on_commit_callbacks
):
    day = next_weekday(2)
    request = BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 17),
        occurrences=[
            (local(day, 17), local(day, 19)),
            (local(day + datetime.timedelta(days=7), 17), local(day + datetime.timedelta(days=7), 19)),
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        WORKFLOWS["booking"].approve(request, approver, note="Klucz w sekretariacie.")
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert request.decided_by == approver
    assert set(request.occurrences.values_list("status", flat=True)) == {RequestStatus.APPROVED}
    (message,) = mail.outbox
    assert message.to == ["anna.kowalska@example.org"]
    assert "Rezerwacja zatwierdzona" in message.subject
    assert "Klucz w sekretariacie." in message.body
    assert "17:00–19:00" in message.body  # dates in the Centre's local time, both of them
    assert message.body.count("17:00–19:00") == 2
    assert f"/sale/wniosek/{request.get_token()}/" in message.body
    events = ics_events(message)
    assert [e.decoded("dtstart").astimezone(WARSAW) for e in events] == [
        local(day, 17),
        local(day + datetime.timedelta(days=7), 17),
    ]
    assert "Sala konferencyjna" in str(events[0]["location"])


def test_declining_needs_a_reason_which_is_mailed(room, approver, django_capture_on_commit_callbacks):
    request = BookingRequestFactory(room=room)
    with pytest.raises(DecisionError, match="Podaj powód"):
        WORKFLOWS["booking"].decline(request, approver, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        WORKFLOWS["booking"].decline(request, approver, "W tym dniu sala jest zajęta przez szkolenie gminne.")
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert request.occurrences.get().status == RequestStatus.DECLINED
    (message,) = mail.outbox
    assert "odrzucony" in message.subject
    assert "Powód: W tym dniu sala jest zajęta przez szkolenie gminne." in message.body
    assert not message.attachments


def test_a_decided_request_cannot_be_decided_again(room, approver):
    request = BookingRequestFactory(room=room)
    WORKFLOWS["booking"].decline(request, approver, "Brak miejsca.")
    with pytest.raises(DecisionError, match="ma już status „odrzucony”"):
        WORKFLOWS["booking"].approve(request, approver)


def test_approving_an_overlapping_request_fails_with_a_clear_message_and_changes_nothing(room, approver):
    day = next_weekday(2)
    first = BookingRequestFactory(room=room, first_starts_at=local(day, 10))
    second = BookingRequestFactory(room=room, first_starts_at=local(day, 11))
    assert [b.request_id for b in WORKFLOWS["booking"].conflicts(first)] == [second.pk]
    WORKFLOWS["booking"].approve(first, approver)
    with pytest.raises(DecisionError) as error:
        WORKFLOWS["booking"].approve(second, approver)
    assert "sala jest już zajęta" in str(error.value)
    assert f"{day:%d.%m.%Y}" in str(error.value)
    second.refresh_from_db()
    assert second.status == RequestStatus.PENDING
    assert second.occurrences.get().status == RequestStatus.PENDING


def test_a_repetition_is_approved_all_or_nothing(room, approver):
    day = next_weekday(2)
    later = day + datetime.timedelta(days=7)
    BookingRequestFactory(room=room, first_starts_at=local(later, 10), status=RequestStatus.APPROVED)
    weekly = BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 10),
        occurrences=[(local(day, 10), local(day, 12)), (local(later, 10), local(later, 12))],
    )
    with pytest.raises(DecisionError, match=f"{later:%d.%m.%Y}"):
        WORKFLOWS["booking"].approve(weekly, approver)
    assert set(weekly.occurrences.values_list("status", flat=True)) == {RequestStatus.PENDING}


def test_withdrawal_frees_the_room_and_mails_a_confirmation(
    rooms_page, room, approver, django_capture_on_commit_callbacks
):
    request = BookingRequestFactory(room=room)
    WORKFLOWS["booking"].approve(request, approver)
    with django_capture_on_commit_callbacks(execute=True):
        WORKFLOWS["booking"].withdraw(request)
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert not Booking.objects.filter(room=room, status=RequestStatus.APPROVED).exists()
    assert "wycofany" in mail.outbox[-1].subject
    with pytest.raises(DecisionError, match="nie można już wycofać"):
        WORKFLOWS["booking"].withdraw(request)


def test_advisory_acceptance_sets_the_time_and_mails_an_ics(
    advisory_page, approver, django_capture_on_commit_callbacks
):
    request = AdvisoryRequestFactory()
    day = next_weekday(1)
    with pytest.raises(DecisionError, match="Podaj termin"):
        WORKFLOWS["advisory"].approve(request, approver, starts_at=local(day, 16), ends_at=local(day, 15))
    with django_capture_on_commit_callbacks(execute=True):
        WORKFLOWS["advisory"].approve(
            request, approver, starts_at=local(day, 15), ends_at=local(day, 16), place="Biuro COP, I piętro"
        )
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    (message,) = mail.outbox
    assert "Termin konsultacji" in message.subject
    assert "Biuro COP, I piętro" in message.body
    assert f"/doradztwo/wniosek/{request.get_token()}/" in message.body
    (event,) = ics_events(message)
    assert event.decoded("dtstart").astimezone(WARSAW) == local(day, 15)
    assert str(event["summary"]) == "Konsultacja: zakładanie organizacji"


def test_advisory_decline_uses_the_same_workflow(advisory_page, approver, django_capture_on_commit_callbacks):
    request = AdvisoryRequestFactory(topic="legal")
    with django_capture_on_commit_callbacks(execute=True):
        WORKFLOWS["advisory"].decline(
            request,
            approver,
            "Sprawy sądowe prowadzi adwokat – podajemy kontakt do punktu nieodpłatnej pomocy prawnej.",
        )
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert "nieodpłatnej pomocy prawnej" in mail.outbox[0].body


def test_signed_links_are_specific_to_a_kind_and_reject_tampering(room):
    booking = BookingRequestFactory(room=room)
    advisory = AdvisoryRequestFactory()
    assert BookingRequest.from_token(booking.get_token()) == booking
    token = booking.get_token()
    assert BookingRequest.from_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) is None
    assert BookingRequest.from_token(str(booking.pk)) is None
    assert BookingRequest.from_token(f"{booking.pk + 1}-{token.split('-', 1)[1]}") is None
    # A valid advisory link must not open a booking with the same number.
    assert type(advisory).from_token(advisory.get_token()) == advisory
    assert BookingRequest.from_token(advisory.get_token()) is None


def test_the_sqlite_path_serialises_and_rechecks_inside_the_transaction(room, approver):
    """Without the exclusion constraint the re-check inside the locked transaction is the guard."""
    day = next_weekday(2)
    first = BookingRequestFactory(room=room, first_starts_at=local(day, 10))
    second = BookingRequestFactory(room=room, first_starts_at=local(day, 10))
    workflow = WORKFLOWS["booking"]
    with transaction.atomic():
        workflow.approve(first, approver)
        # In the same (serialised) transaction, the second approval sees the first one.
        with pytest.raises(DecisionError, match="sala jest już zajęta"):
            workflow.approve(second, approver)
    assert Booking.objects.filter(status=RequestStatus.APPROVED).count() == 1


def test_an_approval_is_serialised_by_a_write_lock_on_sqlite_and_the_constraint_on_postgres(room, approver):
    """SQLite has no row locks: the first statement of an approval writes (to the room row), so a
    second approval waits for the first to commit and its re-check then sees the first's dates."""
    if connection.vendor != "sqlite":
        # PostgreSQL relies on the exclusion constraint instead of a write lock: it must be in place.
        with connection.cursor() as cursor:
            cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'x'")
            assert "booking_no_overlapping_approved" in {row[0] for row in cursor.fetchall()}
        return
    request = BookingRequestFactory(room=room)
    with CaptureQueriesContext(connection) as queries:
        WORKFLOWS["booking"].approve(request, approver)
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"].upper()]
    assert statements[0].startswith('UPDATE "booking_room"')
    assert any('FROM "booking_booking"' in sql for sql in statements[1:])  # the re-check comes after


# PostgreSQL: the database itself refuses overlapping approved bookings -------------------------------


@pytest.mark.postgres
def test_the_exclusion_constraint_refuses_an_overlapping_approved_row_written_directly(room):
    day = next_weekday(2)
    BookingRequestFactory(room=room, first_starts_at=local(day, 10), status=RequestStatus.APPROVED)
    other = BookingRequestFactory(room=room, first_starts_at=local(day, 12, 5))  # inside the 15 min buffer
    with pytest.raises(IntegrityError, match="booking_no_overlapping_approved"), transaction.atomic():
        Booking.objects.filter(request=other).update(status=RequestStatus.APPROVED)
    # Another room, or a pending row, is fine.
    BookingRequestFactory(room=RoomFactory(), first_starts_at=local(day, 10), status=RequestStatus.APPROVED)
    BookingRequestFactory(room=room, first_starts_at=local(day, 10), status=RequestStatus.PENDING)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_of_overlapping_requests_let_exactly_one_win(staff_user):
    assert connection.vendor == "postgresql"
    room = RoomFactory()
    day = next_weekday(2)
    requests = [
        BookingRequestFactory(
            room=room, first_starts_at=local(day, 10 + (i % 3)), requester_name=f"Osoba {i}"
        )
        for i in range(24)
    ]

    def approve(request):
        WORKFLOWS["booking"].approve(request, staff_user)
        return "ok"

    results = {
        request.pk: str(outcome) if isinstance(outcome, DecisionError) else outcome
        for request, outcome in zip(requests, all_at_once(approve, requests), strict=True)
    }

    assert len(results) == len(requests)
    winners = [pk for pk, outcome in results.items() if outcome == "ok"]
    assert len(winners) == 1
    for pk, outcome in results.items():
        if pk != winners[0]:
            assert outcome.startswith("Nie można zatwierdzić"), outcome
    assert Booking.objects.filter(room=room, status=RequestStatus.APPROVED).count() == 1
    assert BookingRequest.objects.filter(status=RequestStatus.APPROVED).get().pk == winners[0]
    assert BookingRequest.objects.filter(status=RequestStatus.PENDING).count() == len(requests) - 1
