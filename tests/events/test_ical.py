"""iCal output: per event and feeds, parsed back with ``icalendar``; RFC 5545 essentials, no personal data."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from events.factories import EventPageFactory, RegistrationFactory, in_days

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_event_ics_is_valid_and_in_warsaw_time(client, event):
    RegistrationFactory(event=event, name="Anna Tajna", email="anna.tajna@example.org")
    response = client.get(event.url + "ical/")
    assert response["Content-Disposition"] == 'attachment; filename="spotkanie-integracyjne-organizacji.ics"'
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    timezones = calendar.walk("VTIMEZONE")
    assert [tz["TZID"] for tz in timezones] == ["Europe/Warsaw"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["UID"] == f"wydarzenie-{event.pk}@cop.czerwionka-leszczyny.pl"
    assert vevent["DTSTAMP"].dt.tzinfo is not None
    start = vevent["DTSTART"]
    assert start.params["TZID"] == "Europe/Warsaw"
    assert start.dt == event.start and start.dt.astimezone(WARSAW).hour == 17
    assert vevent["DTEND"].dt == event.end
    assert str(vevent["SUMMARY"]) == event.title
    assert "ul. 3-go Maja 19" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith(event.url)
    assert vevent["STATUS"] == "CONFIRMED"
    text = response.content.decode()
    assert "Anna Tajna" not in text and "anna.tajna" not in text
    # RFC 5545: lines end with CRLF and are folded at 75 octets.
    assert b"\r\n" in response.content
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


@pytest.mark.django_db
def test_summer_time_is_right(client, calendar):
    summer = EventPageFactory(parent=calendar, start=datetime.datetime(2027, 7, 1, 10, 0, tzinfo=WARSAW))
    vevent = parse(client.get(summer.url + "ical/")).walk("VEVENT")[0]
    assert vevent["DTSTART"].dt.utcoffset() == datetime.timedelta(hours=2)
    assert vevent.to_ical().decode().count("DTSTART;TZID=Europe/Warsaw:20270701T100000") == 1


@pytest.mark.django_db
def test_feed_lists_upcoming_events_and_filters_by_organiser(client, calendar, ngo):
    cop_event = EventPageFactory(parent=calendar, title="Wydarzenie COP", start=in_days(3))
    ngo_event = EventPageFactory(parent=ngo, title="Wydarzenie organizacji", start=in_days(5))
    EventPageFactory(parent=calendar, title="Minione", start=in_days(-3))
    EventPageFactory(parent=calendar, title="Odwołane", start=in_days(8), is_cancelled=True)
    draft = EventPageFactory(parent=calendar, title="Szkic", start=in_days(4))
    draft.unpublish()

    feed = parse(client.get(calendar.url + "ical/"))
    events = {str(e["SUMMARY"]): e for e in feed.walk("VEVENT")}
    assert set(events) == {"Wydarzenie COP", "Wydarzenie organizacji", "Odwołane"}
    assert events["Odwołane"]["STATUS"] == "CANCELLED"
    assert len({str(e["UID"]) for e in events.values()}) == 3
    assert "kontakt@aktywni.example.org" in str(events["Wydarzenie organizacji"]["ORGANIZER"])
    assert all(e["DTSTART"].params["TZID"] == "Europe/Warsaw" for e in events.values())

    RegistrationFactory(event=cop_event, name="Anna Tajna", email="anna.tajna@example.org")
    text = client.get(calendar.url + "ical/").content.decode()
    assert "Anna Tajna" not in text and "anna.tajna" not in text  # the feed holds no participant

    only_ngo = parse(client.get(calendar.url + "ical/", {"organizator": ngo.pk}))
    assert [str(e["SUMMARY"]) for e in only_ngo.walk("VEVENT")] == [ngo_event.title]
    only_cop = parse(client.get(calendar.url + "ical/", {"organizator": "cop"}))
    assert cop_event.title in [str(e["SUMMARY"]) for e in only_cop.walk("VEVENT")]
    assert ngo_event.title not in [str(e["SUMMARY"]) for e in only_cop.walk("VEVENT")]


@pytest.mark.django_db
def test_feed_query_budget_is_constant(client, calendar, ngo, django_assert_max_num_queries):
    for number in range(3):
        EventPageFactory(parent=calendar, start=in_days(number + 1), organiser=ngo)
    client.get(calendar.url + "ical/")
    with django_assert_max_num_queries(9) as few:
        client.get(calendar.url + "ical/")
    for number in range(12):
        EventPageFactory(parent=calendar, start=in_days(number + 1), organiser=ngo)
    with django_assert_max_num_queries(9) as many:
        client.get(calendar.url + "ical/")
    assert len(few.captured_queries) == len(many.captured_queries)


@pytest.mark.django_db
def test_unpublished_event_has_no_ics(client, event):
    url = event.url + "ical/"
    event.unpublish()
    assert client.get(url).status_code == 404
