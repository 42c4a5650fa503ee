"""Public pages: rooms, week availability (no personal data), iCal feed, request forms, signed links."""

import datetime

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from icalendar import Calendar

from booking.factories import AdvisoryRequestFactory, BlackoutFactory, BookingRequestFactory, RoomFactory
from booking.models import AdvisoryRequest, Booking, BookingRequest, RequestStatus, RoomPhoto
from ngo_directory.models import NGOProfilePage

from .conftest import local, next_weekday

pytestmark = pytest.mark.django_db


def week_param(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def booking_form_data(room, day, **overrides):
    data = {
        "requester_name": "Jan Mieszkaniec",
        "requester_email": "jan@example.org",
        "requester_phone": "600 700 800",
        "requester_kind": "other",
        "group_name": "",
        "room": room.pk,
        "date": day.isoformat(),
        "start_time": "17:00",
        "end_time": "19:00",
        "attendees": "12",
        "purpose": "Próba chóru osiedlowego.",
        "equipment_needs": "pianino",
        "rules_accepted": "on",
    }
    data.update(overrides)
    return data


def advisory_form_data(**overrides):
    data = {
        "requester_name": "Ewa Zielińska",
        "requester_email": "ewa@example.org",
        "requester_phone": "",
        "requester_kind": "other",
        "group_name": "Koło Gospodyń Wiejskich w Bełku",
        "topic": "grants",
        "preferred_dates": "Poniedziałki rano",
        "description": "Chcemy złożyć pierwszy wniosek o grant z programu FIO.",
        "privacy_accepted": "on",
    }
    data.update(overrides)
    return data


# Rooms page ------------------------------------------------------------------------------------------


def test_rooms_page_lists_active_rooms_with_details(client, rooms_page, room):
    RoomFactory(name="Sala zamknięta", is_active=False)
    response = client.get(rooms_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sala konferencyjna" in html
    assert "do 30 osób" in html
    assert "rzutnik" in html
    assert "Sala zamknięta" not in html
    assert "Regulamin korzystania z sal" in html


def test_rooms_page_shows_floor_accessibility_hours_and_photos(client, rooms_page):
    room = RoomFactory(
        name="Mała sala spotkań",
        floor="parter, wejście od podwórza",
        accessibility_notes="Wejście bez progów, pętla indukcyjna.",
        hours=[(0, datetime.time(9), datetime.time(12)), (0, datetime.time(14), datetime.time(18))],
    )
    RoomPhoto.objects.create(
        room=room, image=wagtail_factories.ImageFactory(), caption="Stół na 8 osób przy oknie"
    )
    soup = BeautifulSoup(client.get(rooms_page.url).content, "html.parser")
    card = soup.select_one(".room-card")
    text = card.get_text(" ", strip=True)
    assert "parter, wejście od podwórza" in text
    assert "Wejście bez progów, pętla indukcyjna." in text
    hours = dict(
        zip(
            [dt.text for dt in card.select(".room-hours dt")],
            [dd.text for dd in card.select(".room-hours dd")],
            strict=True,
        )
    )
    assert hours["poniedziałek"] == "09:00–12:00, 14:00–18:00"
    assert hours["wtorek"] == "nieczynna"
    assert card.select_one("img")["alt"] == "Stół na 8 osób przy oknie"
    detail = BeautifulSoup(client.get(f"{rooms_page.url}sala/{room.slug}/").content, "html.parser")
    assert detail.select_one(".room-photos img")["alt"] == "Stół na 8 osób przy oknie"
    assert "Wejście bez progów" in detail.get_text()


def test_an_inactive_room_cannot_be_seen_or_requested(client, rooms_page, room):
    room.is_active = False
    room.save()
    assert client.get(f"{rooms_page.url}sala/{room.slug}/").status_code == 404
    assert client.get(f"{rooms_page.url}sala/{room.slug}/kalendarz/").status_code == 404
    form = BeautifulSoup(client.get(f"{rooms_page.url}rezerwacja/").content, "html.parser")
    assert not form.select_one(f'select[name="room"] option[value="{room.pk}"]')
    response = client.post(f"{rooms_page.url}rezerwacja/", booking_form_data(room, next_weekday(3)))
    assert response.status_code == 200
    assert "room" in response.context["form"].errors
    assert not BookingRequest.objects.exists()


def add_photos(room, count=2):
    for n in range(count):
        RoomPhoto.objects.create(
            room=room, image=wagtail_factories.ImageFactory(), caption=f"{room.name}: widok {n}"
        )


def visit_cold(client, url):
    """Visit once (the site's settings rows are created then), and forget the cached site root paths."""
    client.get(url)
    cache.clear()


@pytest.mark.parametrize("rooms", [1, 8])
def test_rooms_page_query_budget_does_not_grow_with_rooms(
    client, rooms_page, rooms, django_assert_max_num_queries
):
    for _ in range(rooms):
        add_photos(RoomFactory())
    visit_cold(client, rooms_page.url)
    # Site, home page, the rooms page (route and row), view restrictions, both settings, site root
    # paths, layout pages; the rooms, their opening hours, their photos with images, the renditions.
    with django_assert_max_num_queries(12):
        response = client.get(rooms_page.url)
    html = response.content.decode()
    assert html.count('class="room-card"') == rooms
    assert html.count("widok 0") == rooms  # each card shows its first photo


# Availability -------------------------------------------------------------------------------------------


def test_week_view_shows_busy_slots_without_personal_data(client, rooms_page, room):
    day = next_weekday(2)
    BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 10),
        status=RequestStatus.APPROVED,
        requester_name="Zofia Tajna",
        requester_email="zofia.tajna@example.org",
        requester_phone="501 502 503",
        purpose="Poufne spotkanie grupy wsparcia",
        group_name="Grupa Wsparcia Nadzieja",
    )
    BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 15),
        status=RequestStatus.APPROVED,
        show_publicly=True,
        public_title="Próba chóru Lutnia",
        purpose="Tekst celu, który nie powinien się pokazać",
    )
    BookingRequestFactory(room=room, first_starts_at=local(day, 18), status=RequestStatus.PENDING)
    response = client.get(f"{rooms_page.url}sala/{room.slug}/?tydzien={week_param(day)}")
    html = response.content.decode()
    for secret in (
        "Zofia",
        "zofia.tajna",
        "501 502 503",
        "Poufne",
        "Nadzieja",
        "Tekst celu",
        "Anna Kowalska",
    ):
        assert secret not in html
    soup = BeautifulSoup(html, "html.parser")
    row = next(r for r in soup.select("table.availability tbody tr") if f"{day:%d.%m.%Y}" in r.th.text)
    slots = [li.get_text(" ", strip=True) for li in row.select(".busy-slots li")]
    assert slots == ["10:00 – 12:00 Zajęte", "15:00 – 17:00 Próba chóru Lutnia"]
    assert soup.select_one("table.availability caption")


def test_week_navigation_and_blackouts(client, rooms_page, room):
    day = next_weekday(4, weeks_ahead=2)
    BlackoutFactory(room=None, starts_at=local(day, 0), ends_at=local(day, 23), reason="Święto gminy")
    response = client.get(f"{rooms_page.url}sala/{room.slug}/?tydzien={week_param(day)}")
    html = response.content.decode()
    assert "nieczynna: Święto gminy" in html
    assert f"?tydzien={week_param(day + datetime.timedelta(days=7))}" in html
    assert f"?tydzien={week_param(day - datetime.timedelta(days=7))}" in html
    # A malformed week falls back to the current one instead of an error.
    assert client.get(f"{rooms_page.url}sala/{room.slug}/?tydzien=2026-W99").status_code == 200
    assert client.get(f"{rooms_page.url}sala/nie-ma-takiej/").status_code == 404


def test_a_blackout_for_part_of_a_day_shows_the_hours_still_open(client, rooms_page, room):
    day = next_weekday(3, weeks_ahead=2)
    BlackoutFactory(room=room, starts_at=local(day, 14), ends_at=local(day, 18), reason="Zebranie rady")
    # A whole-Centre blackout covering the opening hours (8–20) closes the next day completely.
    after = day + datetime.timedelta(days=1)
    BlackoutFactory(room=None, starts_at=local(after, 7), ends_at=local(after, 21), reason="Inwentaryzacja")
    soup = BeautifulSoup(
        client.get(f"{rooms_page.url}sala/{room.slug}/?tydzien={week_param(day)}").content, "html.parser"
    )
    rows = {
        row.th.get_text(" ", strip=True)[:10]: row.select("td")[0].get_text(" ", strip=True)
        for row in soup.select("table.availability tbody tr")
    }
    assert rows[f"{day:%d.%m.%Y}"] == "08:00–20:00; nieczynna: 14:00–18:00 Zebranie rady"
    assert rows[f"{after:%d.%m.%Y}"] == "nieczynna: Inwentaryzacja"


@pytest.mark.parametrize("bookings", [1, 10])
def test_week_view_query_budget(client, rooms_page, room, bookings, django_assert_max_num_queries):
    day = next_weekday(0)
    for i in range(bookings):
        BookingRequestFactory(
            room=room,
            first_starts_at=local(day + datetime.timedelta(days=i % 7), 8 + i // 7 * 3),
            status=RequestStatus.APPROVED,
        )
    add_photos(room, bookings)
    other = RoomFactory(name="Sala obok")
    for offset in range(bookings):
        start = local(day + datetime.timedelta(days=offset % 7), 21)
        BlackoutFactory(
            room=room, starts_at=start, ends_at=start + datetime.timedelta(hours=1), reason="Mycie okien"
        )
        BlackoutFactory(
            room=other, starts_at=start, ends_at=start + datetime.timedelta(hours=1), reason="Malowanie"
        )
    BlackoutFactory(room=None, starts_at=local(day, 6), ends_at=local(day, 7), reason="Przegląd instalacji")
    url = f"{rooms_page.url}sala/{room.slug}/?tydzien={week_param(day)}"
    visit_cold(client, url)
    # Site, home page, the rooms page (route and row), view restrictions, both settings, site root
    # paths, layout pages; the room's photos joined with the room and their images, the renditions,
    # the opening hours, the week's bookings and blackouts (one query).
    with django_assert_max_num_queries(12):
        response = client.get(url)
    html = response.content.decode()
    assert html.count("<li><time") == bookings
    assert html.count("21:00–22:00 Mycie okien") == bookings
    assert "Przegląd instalacji" in html and "Malowanie" not in html
    assert BeautifulSoup(html, "html.parser").select(".room-photos img")[-1]["alt"] == (
        f"Sala konferencyjna: widok {bookings - 1}"
    )


def test_week_view_of_a_room_without_photos_and_of_an_inactive_room_with_photos(client, rooms_page, room):
    html = client.get(f"{rooms_page.url}sala/{room.slug}/").content.decode()
    assert "Zajętość sali" in html and "room-photos" not in html
    add_photos(room, 1)
    room.is_active = False
    room.save()
    assert client.get(f"{rooms_page.url}sala/{room.slug}/").status_code == 404


def test_ical_feed_has_the_same_limits(client, rooms_page, room):
    day = next_weekday(2)
    BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 10),
        status=RequestStatus.APPROVED,
        purpose="Poufne",
        requester_name="Zofia Tajna",
    )
    BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 14),
        status=RequestStatus.APPROVED,
        show_publicly=True,
        public_title="Warsztaty decoupage",
    )
    BookingRequestFactory(room=room, first_starts_at=local(day, 18), status=RequestStatus.PENDING)
    response = client.get(f"{rooms_page.url}sala/{room.slug}/kalendarz/")
    assert response["Content-Type"].startswith("text/calendar")
    assert b"Zofia" not in response.content and b"Poufne" not in response.content
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == ["Warsztaty decoupage", "Zajęte"]
    assert all("description" not in e for e in events)


# Booking request form -----------------------------------------------------------------------------------


def test_booking_form_renders_with_the_room_preselected(client, rooms_page, room):
    response = client.get(f"{rooms_page.url}rezerwacja/?sala={room.slug}")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f'select[name="room"] option[value="{room.pk}"][selected]')
    for name in (
        "requester_name",
        "date",
        "start_time",
        "end_time",
        "attendees",
        "purpose",
        "rules_accepted",
    ):
        field = soup.select_one(f'[name="{name}"]')
        assert soup.select_one(f'label[for="{field["id"]}"]'), name


def test_a_valid_request_is_saved_mailed_and_shows_its_status_page(
    client, rooms_page, room, django_capture_on_commit_callbacks
):
    day = next_weekday(3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{rooms_page.url}rezerwacja/", booking_form_data(room, day))
    request = BookingRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{rooms_page.url}wniosek/{request.get_token()}/?nowy=1"
    assert request.status == RequestStatus.PENDING
    assert request.group_name == "" and request.ngo is None
    assert request.occurrences.get().starts_at == local(day, 17)
    message = mail.outbox[0]
    assert message.to == ["jan@example.org"]
    assert "Status: oczekuje na decyzję" in message.body
    assert f"http://testserver{rooms_page.url}wniosek/{request.get_token()}/" in message.body
    page = client.get(response["Location"]).content.decode()
    assert "Dziękujemy! Wniosek został przyjęty." in page
    assert "oczekuje na decyzję" in page


def test_a_weekly_request_creates_every_date(client, rooms_page, room):
    day = next_weekday(3)
    data = booking_form_data(
        room, day, repeat_weekly="on", repeat_until=(day + datetime.timedelta(days=21)).isoformat()
    )
    client.post(f"{rooms_page.url}rezerwacja/", data)
    request = BookingRequest.objects.get()
    assert [b.starts_at for b in request.occurrences.all()] == [
        local(day + datetime.timedelta(days=7 * i), 17) for i in range(4)
    ]


def test_errors_are_shown_in_polish_with_answers_kept_and_nothing_saved(client, rooms_page, room):
    day = next_weekday(3)
    second = day + datetime.timedelta(days=7)
    BookingRequestFactory(room=room, first_starts_at=local(second, 18), status=RequestStatus.APPROVED)
    data = booking_form_data(room, day, attendees="45", rules_accepted="")
    response = client.post(f"{rooms_page.url}rezerwacja/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "mieści najwyżej 30 osób" in html
    assert "Aby złożyć wniosek, zaakceptuj regulamin sal." in html
    assert 'value="Jan Mieszkaniec"' in html
    assert BookingRequest.objects.count() == 1  # only the approved one made above

    data = booking_form_data(
        room, day, repeat_weekly="on", repeat_until=(day + datetime.timedelta(days=14)).isoformat()
    )
    html = client.post(f"{rooms_page.url}rezerwacja/", data).content.decode()
    assert "Nie można zarezerwować 1 z 3 terminów:" in html
    assert f"{second:%d.%m.%Y} (" in html and "sala jest zajęta 18:00–20:00" in html
    assert BookingRequest.objects.count() == 1 and Booking.objects.count() == 1


def test_too_many_attendees_and_a_busy_date_are_reported_together(client, rooms_page, room):
    day = next_weekday(3)
    BookingRequestFactory(room=room, first_starts_at=local(day, 17), status=RequestStatus.APPROVED)
    response = client.post(f"{rooms_page.url}rezerwacja/", booking_form_data(room, day, attendees="45"))
    form = response.context["form"]
    assert "mieści najwyżej 30 osób" in form.errors["attendees"][0]
    assert form.non_field_errors()[0] == "Nie można zarezerwować sali w wybranym terminie:"
    assert "sala jest zajęta 17:00–19:00" in form.non_field_errors()[1]
    assert BookingRequest.objects.count() == 1


def test_an_ngo_request_requires_a_live_organisation(client, rooms_page, room):
    data = booking_form_data(room, next_weekday(3), requester_kind="ngo")
    html = client.post(f"{rooms_page.url}rezerwacja/", data).content.decode()
    assert "Wpisz nazwę lub numer KRS organizacji z bazy" in html
    assert not BookingRequest.objects.exists()


def test_the_honeypot_rejects_bots(client, rooms_page, room):
    data = booking_form_data(room, next_weekday(3), website_url="http://spam.example")
    response = client.post(f"{rooms_page.url}rezerwacja/", data)
    assert response.status_code == 200
    assert not BookingRequest.objects.exists()


def test_public_title_is_required_when_showing_publicly(client, rooms_page, room):
    data = booking_form_data(room, next_weekday(3), show_publicly="on")
    html = client.post(f"{rooms_page.url}rezerwacja/", data).content.decode()
    assert "Podaj nazwę wydarzenia" in html


# Signed status link --------------------------------------------------------------------------------------


def test_status_page_needs_a_valid_signature(client, rooms_page, room):
    request = BookingRequestFactory(room=room)
    token = request.get_token()
    assert client.get(f"{rooms_page.url}wniosek/{token}/").status_code == 200
    signature = token.split("-", 1)[1]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"{rooms_page.url}wniosek/{tampered}/").status_code == 404
    other = BookingRequestFactory(room=room)
    forged = f"{other.pk}-{signature}"  # another request's number with this request's signature
    assert client.get(f"{rooms_page.url}wniosek/{forged}/").status_code == 404
    assert client.get(f"{rooms_page.url}wniosek/{other.pk}/").status_code == 404


def test_requester_withdraws_through_the_signed_link(
    client, rooms_page, room, django_capture_on_commit_callbacks
):
    request = BookingRequestFactory(room=room, status=RequestStatus.APPROVED)
    url = f"{rooms_page.url}wniosek/{request.get_token()}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "withdraw"}, follow=True)
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert request.occurrences.get().status == RequestStatus.WITHDRAWN
    html = response.content.decode()
    assert "Wniosek został wycofany." in html
    assert "Wycofaj wniosek" not in html
    assert "wycofany" in mail.outbox[0].subject


# Advisory -------------------------------------------------------------------------------------------------


def test_advisory_request_is_saved_and_confirmed(client, advisory_page, django_capture_on_commit_callbacks):
    data = advisory_form_data()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(advisory_page.url, data)
    request = AdvisoryRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{advisory_page.url}wniosek/{request.get_token()}/?nowy=1"
    assert request.get_topic_display() == "granty i projekty"
    assert "granty i projekty" in mail.outbox[0].body
    html = client.get(response["Location"]).content.decode()
    assert "Wniosek o doradztwo" in html and "oczekuje na decyzję" in html


def test_advisory_form_errors(client, advisory_page):
    html = client.post(advisory_page.url, {"requester_kind": "other"}).content.decode()
    assert "Bez tej zgody nie możemy umówić konsultacji." in html
    assert not AdvisoryRequest.objects.exists()


def test_advisory_status_link_is_not_valid_on_the_rooms_page(client, rooms_page, advisory_page):
    request = AdvisoryRequestFactory()
    assert client.get(f"{advisory_page.url}wniosek/{request.get_token()}/").status_code == 200
    assert client.get(f"{rooms_page.url}wniosek/{request.get_token()}/").status_code == 404


def test_ngo_is_typed_only_live_organisations_match_and_it_is_saved(client, rooms_page, room, home_page):
    from ngo_directory.models import NGODirectoryPage

    directory = home_page.add_child(instance=NGODirectoryPage(title="Baza organizacji", slug="organizacje"))

    def ngo(title):
        return directory.add_child(
            instance=NGOProfilePage(
                title=title,
                legal_form="stowarzyszenie_zwykle",
                district=NGOProfilePage._meta.get_field("district").choices[0][0],
                email="biuro@example.org",
            )
        )

    live = ngo("Stowarzyszenie Razem dla Bełku")
    draft = ngo("Fundacja Szkic")
    draft.unpublish()
    html = client.get(f"{rooms_page.url}rezerwacja/").content.decode()
    assert "Stowarzyszenie Razem dla Bełku" not in html  # typed, not listed: the page never lists them all

    data = booking_form_data(room, next_weekday(3), requester_kind="ngo", ngo="Fundacja Szkic")
    assert "ngo" in client.post(f"{rooms_page.url}rezerwacja/", data).context["form"].errors
    data = booking_form_data(
        room,
        next_weekday(3),
        requester_kind="ngo",
        ngo="Stowarzyszenie Razem dla Belku",
        group_name="zostanie pominięte",
    )
    assert client.post(f"{rooms_page.url}rezerwacja/", data).status_code == 302
    request = BookingRequest.objects.get()
    assert request.ngo_id == live.pk and request.group_name == ""
    assert request.requester_label == "Stowarzyszenie Razem dla Bełku"


@override_settings(COP_FORM_RATE="2/h")
def test_request_forms_are_rate_limited_per_address(client, rooms_page, advisory_page, room):
    day = next_weekday(3)
    for hour in (10, 13):
        data = booking_form_data(room, day, start_time=f"{hour}:00", end_time=f"{hour + 1}:00")
        assert client.post(f"{rooms_page.url}rezerwacja/", data).status_code == 302
    response = client.post(f"{rooms_page.url}rezerwacja/", booking_form_data(room, day, start_time="16:00"))
    assert response.status_code == 429
    assert "Zbyt wiele prób" in response.content.decode()
    assert BookingRequest.objects.count() == 2
    # The advisory form has its own counter; reading the form is never limited.
    assert client.get(f"{rooms_page.url}rezerwacja/").status_code == 200
    data = {
        "requester_name": "Ewa",
        "requester_email": "ewa@example.org",
        "requester_kind": "other",
        "topic": "legal",
        "preferred_dates": "wtorki",
        "description": "Statut stowarzyszenia.",
        "privacy_accepted": "on",
    }
    assert [client.post(advisory_page.url, data).status_code for _ in range(3)] == [302, 302, 429]
    assert AdvisoryRequest.objects.count() == 2


@pytest.mark.parametrize(
    ("day", "utc_start"),
    [
        # The last Sundays of March and October 2027: 18:00 is 16:00 UTC in summer, 17:00 UTC in winter.
        (datetime.date(2027, 3, 28), datetime.datetime(2027, 3, 28, 16, 0, tzinfo=datetime.UTC)),
        (datetime.date(2027, 10, 31), datetime.datetime(2027, 10, 31, 17, 0, tzinfo=datetime.UTC)),
    ],
)
def test_week_view_ical_and_api_show_local_times_on_dst_days(client, rooms_page, room, day, utc_start):
    BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 18),
        status=RequestStatus.APPROVED,
        occurrences=[(local(day, 18), local(day, 20))],
    )
    soup = BeautifulSoup(
        client.get(f"{rooms_page.url}sala/{room.slug}/?tydzien={week_param(day)}").content, "html.parser"
    )
    row = next(r for r in soup.select("table.availability tbody tr") if f"{day:%d.%m.%Y}" in r.th.text)
    assert [li.get_text(" ", strip=True) for li in row.select(".busy-slots li")] == ["18:00 – 20:00 Zajęte"]
    others = [r for r in soup.select("table.availability tbody tr") if r is not row]
    assert not any(r.select(".busy-slots li") for r in others)  # nothing spills into the next day

    with freeze_clock(day):
        feed = Calendar.from_ical(client.get(f"{rooms_page.url}sala/{room.slug}/kalendarz/").content)
    (event,) = feed.walk("VEVENT")
    assert event.decoded("dtstart") == utc_start
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=2)

    data = client.get(f"/api/cop/v1/rooms/{room.slug}/availability/", {"date_from": day.isoformat()}).json()
    assert [datetime.datetime.fromisoformat(slot["starts_at"]) for slot in data["busy"]] == [utc_start]


def freeze_clock(day):
    """The feed lists 400 days ahead from now: move "now" next to a 2027 date."""
    from unittest import mock

    moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    return mock.patch("booking.views.timezone.now", return_value=moment)


def test_status_page_is_never_cached_and_shows_the_current_decision(client, rooms_page, room, settings):
    """The signed link shows one person's request: the page cache and proxies never keep it."""
    settings.COP_PAGE_CACHE_SECONDS = 300
    request = BookingRequestFactory(room=room, status=RequestStatus.WITHDRAWN)
    url = f"{rooms_page.url}wniosek/{request.get_token()}/"
    first = client.get(url)
    assert "X-Cache" not in first and "no-store" in first["Cache-Control"]
    BookingRequest.objects.filter(pk=request.pk).update(decision_reason="Sala w remoncie do końca miesiąca.")
    second = client.get(url)
    assert "X-Cache" not in second
    assert "Sala w remoncie do końca miesiąca." in second.content.decode()
