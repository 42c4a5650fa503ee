"""Every booking rule, checked in the service layer with a clear Polish message per date."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from booking.factories import BlackoutFactory, BookingRequestFactory, RoomFactory
from booking.models import RequestStatus
from booking.services import check_occurrences, plan_occurrences, validate_booking

from .conftest import WARSAW, local, next_weekday

pytestmark = pytest.mark.django_db

T = datetime.time


def messages_of(error: ValidationError) -> list[str]:
    return list(error.messages)


def test_a_valid_request_returns_its_single_date(room):
    day = next_weekday(1)
    occurrences = validate_booking(room, day, T(10), T(12), attendees=10)
    assert len(occurrences) == 1
    assert occurrences[0].starts_at == local(day, 10)
    assert occurrences[0].ends_at == local(day, 12)


def test_more_attendees_than_places_is_an_error_on_the_attendees_field(room):
    with pytest.raises(ValidationError) as error:
        validate_booking(room, next_weekday(1), T(10), T(12), attendees=31)
    assert "najwyżej 30 osób" in error.value.message_dict["attendees"][0]


def test_end_before_start_is_rejected(room):
    with pytest.raises(ValidationError) as error:
        validate_booking(room, next_weekday(1), T(12), T(10), attendees=5)
    assert "później" in error.value.message_dict["end_time"][0]


def test_outside_opening_hours_names_the_hours():
    room = RoomFactory(hours=[(d, T(9), T(17)) for d in range(5)])
    with pytest.raises(ValidationError) as error:
        validate_booking(room, next_weekday(2), T(16), T(18), attendees=5)
    text = " ".join(messages_of(error.value))
    assert "poza godziny dostępności sali (09:00–17:00)" in text


def test_a_closed_weekday_is_rejected():
    room = RoomFactory(hours=[(d, T(9), T(17)) for d in range(5)])
    with pytest.raises(ValidationError) as error:
        validate_booking(room, next_weekday(6), T(10), T(12), attendees=5)
    assert "nieczynna" in " ".join(messages_of(error.value))


def test_minimum_notice_is_enforced():
    room = RoomFactory(min_notice_hours=48)
    now = local(next_weekday(0), 12)
    day = now.date() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        validate_booking(room, day, T(10), T(12), attendees=5, now=now)
    assert "co najmniej 48 godz." in " ".join(messages_of(error.value))
    assert validate_booking(room, day + datetime.timedelta(days=2), T(13), T(14), attendees=5, now=now)


def test_maximum_advance_is_enforced():
    room = RoomFactory(max_advance_days=30)
    now = local(next_weekday(0), 12)
    with pytest.raises(ValidationError) as error:
        validate_booking(room, now.date() + datetime.timedelta(days=31), T(10), T(12), attendees=5, now=now)
    assert "najwyżej 30 dni naprzód" in " ".join(messages_of(error.value))
    assert validate_booking(
        room, now.date() + datetime.timedelta(days=30), T(10), T(12), attendees=5, now=now
    )


def test_blackout_of_the_room_and_of_the_whole_centre(room):
    day = next_weekday(3)
    BlackoutFactory(room=room, starts_at=local(day, 0), ends_at=local(day, 23, 59), reason="Malowanie sali")
    with pytest.raises(ValidationError) as error:
        validate_booking(room, day, T(10), T(12), attendees=5)
    assert "Malowanie sali" in " ".join(messages_of(error.value))

    other_day = day + datetime.timedelta(days=1)
    BlackoutFactory(
        room=None, starts_at=local(other_day, 0), ends_at=local(other_day, 23, 59), reason="Inwentaryzacja"
    )
    with pytest.raises(ValidationError) as error:
        validate_booking(room, other_day, T(10), T(12), attendees=5)
    assert "Centrum jest w tym czasie niedostępne: Inwentaryzacja" in " ".join(messages_of(error.value))


def test_blackout_of_another_room_does_not_matter(room):
    day = next_weekday(3)
    BlackoutFactory(starts_at=local(day, 0), ends_at=local(day, 23, 59))
    assert validate_booking(room, day, T(10), T(12), attendees=5)


def test_overlap_with_an_approved_booking_is_rejected_but_a_pending_one_is_not(room):
    day = next_weekday(2)
    BookingRequestFactory(room=room, first_starts_at=local(day, 10), status=RequestStatus.APPROVED)
    with pytest.raises(ValidationError) as error:
        validate_booking(room, day, T(11), T(13), attendees=5)
    assert "sala jest zajęta 10:00–12:00" in " ".join(messages_of(error.value))

    BookingRequestFactory(room=room, first_starts_at=local(day, 15), status=RequestStatus.PENDING)
    assert validate_booking(room, day, T(15), T(16), attendees=5)


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (T(12), T(13), False),  # right after: inside the 15-minute buffer
        (T(12, 10), T(13), False),
        (T(12, 15), T(13), True),  # exactly the buffer later
        (T(9), T(9, 50), False),  # ends 10 minutes before the approved start
        (T(8), T(9, 45), True),  # ends exactly the buffer before
    ],
)
def test_buffer_between_bookings(room, start, end, ok):
    day = next_weekday(2)
    BookingRequestFactory(room=room, first_starts_at=local(day, 10), status=RequestStatus.APPROVED)
    if ok:
        assert validate_booking(room, day, start, end, attendees=5)
    else:
        with pytest.raises(ValidationError, match="przerwy"):
            validate_booking(room, day, start, end, attendees=5)


def test_withdrawn_and_declined_bookings_free_the_room(room):
    day = next_weekday(2)
    BookingRequestFactory(room=room, first_starts_at=local(day, 10), status=RequestStatus.DECLINED)
    BookingRequestFactory(room=room, first_starts_at=local(day, 10), status=RequestStatus.WITHDRAWN)
    assert validate_booking(room, day, T(10), T(12), attendees=5)


def test_each_failing_occurrence_of_a_repetition_is_reported_with_date_and_reason(room):
    first = next_weekday(1)  # a Tuesday
    third = first + datetime.timedelta(days=14)
    fourth = first + datetime.timedelta(days=21)
    BlackoutFactory(
        room=None, starts_at=local(third, 0), ends_at=local(third, 23), reason="Dzień wolny za święto"
    )
    BookingRequestFactory(room=room, first_starts_at=local(fourth, 17), status=RequestStatus.APPROVED)
    with pytest.raises(ValidationError) as error:
        validate_booking(
            room, first, T(18), T(19), attendees=5, repeat_until=first + datetime.timedelta(days=35)
        )
    messages = messages_of(error.value)
    assert messages[0] == "Nie można zarezerwować 2 z 6 terminów:"
    assert (
        messages[1]
        == f"{third:%d.%m.%Y} (wtorek): Centrum jest w tym czasie niedostępne: Dzień wolny za święto."
    )
    assert messages[2].startswith(f"{fourth:%d.%m.%Y} (wtorek): sala jest zajęta 17:00–19:00")
    assert len(messages) == 3


def test_repetition_may_not_end_before_it_starts_or_be_too_long(room):
    day = next_weekday(1)
    with pytest.raises(ValidationError) as error:
        validate_booking(room, day, T(10), T(11), attendees=5, repeat_until=day)
    assert "repeat_until" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        validate_booking(
            room, day, T(10), T(11), attendees=5, repeat_until=day + datetime.timedelta(days=7 * 30)
        )
    assert "najwyżej 26 spotkań" in error.value.message_dict["repeat_until"][0]


# Time zones and daylight saving time ----------------------------------------------------------------


def test_weekly_dates_keep_the_wall_clock_time_across_the_march_change():
    # 2027-03-28 is the last Sunday of March: clocks go from 02:00 to 03:00.
    occurrences = plan_occurrences(datetime.date(2027, 3, 23), T(18), T(20), datetime.date(2027, 4, 6))
    assert [o.starts_at.astimezone(WARSAW).time() for o in occurrences] == [T(18)] * 3
    offsets = [o.starts_at.astimezone(WARSAW).utcoffset() for o in occurrences]
    assert offsets == [datetime.timedelta(hours=1), datetime.timedelta(hours=2), datetime.timedelta(hours=2)]
    assert occurrences[1].starts_at - occurrences[0].starts_at == datetime.timedelta(days=7, hours=-1)


def test_weekly_dates_keep_the_wall_clock_time_across_the_october_change():
    # 2027-10-31 is the last Sunday of October: clocks go back from 03:00 to 02:00.
    occurrences = plan_occurrences(datetime.date(2027, 10, 26), T(18), T(20), datetime.date(2027, 11, 2))
    assert [o.starts_at.astimezone(WARSAW).hour for o in occurrences] == [18, 18]
    assert [o.starts_at.astimezone(WARSAW).utcoffset() for o in occurrences] == [
        datetime.timedelta(hours=2),
        datetime.timedelta(hours=1),
    ]


def test_a_time_that_does_not_exist_on_the_spring_change_is_reported():
    room = RoomFactory(
        hours=[(d, T(0), T(23, 59)) for d in range(7)], max_advance_days=900, min_notice_hours=0
    )
    now = local(datetime.date(2027, 3, 1), 12)
    occurrences = plan_occurrences(datetime.date(2027, 3, 28), T(2, 30), T(4))
    problems = check_occurrences(room, occurrences, now=now)
    assert len(problems) == 1
    assert "zmiana czasu na letni" in str(problems[0])
    assert str(problems[0]).startswith("28.03.2027 (niedziela)")


def test_the_night_of_the_autumn_change_lasts_an_hour_longer_and_is_checked_in_real_time():
    room = RoomFactory(
        hours=[(d, T(0), T(23, 59)) for d in range(7)], max_advance_days=900, min_notice_hours=0
    )
    now = local(datetime.date(2027, 10, 1), 12)
    night = datetime.date(2027, 10, 31)
    approved = plan_occurrences(night, T(1), T(4))[0]
    assert approved.ends_at - approved.starts_at == datetime.timedelta(hours=4)  # 01:00 CEST → 04:00 CET
    BookingRequestFactory(
        room=room,
        first_starts_at=approved.starts_at,
        status=RequestStatus.APPROVED,
        occurrences__ends_at=approved.ends_at,
    )
    problems = check_occurrences(room, plan_occurrences(night, T(3, 30), T(5)), now=now)
    assert problems and "zajęta 01:00–04:00" in problems[0].reason
