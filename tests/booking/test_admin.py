"""Staff side: the request inboxes (modeladmin), the decision forms, the rooms calendar, snippets."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from booking.factories import AdvisoryRequestFactory, BlackoutFactory, BookingRequestFactory, RoomFactory
from booking.models import Blackout, RequestStatus, Room
from ngo_directory.factories import NGODirectoryPageFactory, NGOProfilePageFactory

from .conftest import local, next_weekday

pytestmark = pytest.mark.django_db

BOOKING_INDEX = "/admin/booking/bookingrequest/"
ADVISORY_INDEX = "/admin/booking/advisoryrequest/"


def test_staff_see_the_inbox_with_filters(staff_client, room):
    BookingRequestFactory(room=room, requester_name="Anna Kowalska")
    BookingRequestFactory(room=room, requester_name="Piotr Zielony", status=RequestStatus.DECLINED)
    response = staff_client.get(BOOKING_INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Kowalska" in html and "Piotr Zielony" in html
    filtered = staff_client.get(BOOKING_INDEX, {"status__exact": "pending"}).content.decode()
    assert "Anna Kowalska" in filtered and "Piotr Zielony" not in filtered
    searched = staff_client.get(BOOKING_INDEX, {"q": "Zielony"}).content.decode()
    assert "Piotr Zielony" in searched and "Anna Kowalska" not in searched


@pytest.mark.parametrize("rows", [2, 12])
def test_inbox_query_budget(staff_client, room, rows, django_assert_max_num_queries):
    for _ in range(rows):
        BookingRequestFactory(room=room)
    staff_client.get(BOOKING_INDEX)
    with django_assert_max_num_queries(30):
        response = staff_client.get(BOOKING_INDEX)
    assert response.status_code == 200


def test_inbox_is_for_staff_only(client, room):
    BookingRequestFactory(room=room)
    response = client.get(BOOKING_INDEX)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_requests_cannot_be_created_or_edited_in_the_admin(staff_client, room):
    request = BookingRequestFactory(room=room)
    assert staff_client.get(f"{BOOKING_INDEX}create/").status_code in (
        302,
        403,
    )  # modeladmin redirects with a message
    assert staff_client.get(f"{BOOKING_INDEX}edit/{request.pk}/").status_code == 404


def test_inspect_shows_conflicts_with_other_pending_requests(staff_client, room):
    day = next_weekday(2)
    request = BookingRequestFactory(room=room, first_starts_at=local(day, 10))
    BookingRequestFactory(room=room, first_starts_at=local(day, 11), requester_name="Konrad Konfliktowy")
    BookingRequestFactory(room=room, first_starts_at=local(day, 16), requester_name="Bez Konfliktu")
    html = staff_client.get(f"{BOOKING_INDEX}inspect/{request.pk}/").content.decode()
    assert "Konflikty" in html
    assert "Konrad Konfliktowy" in html
    assert "Bez Konfliktu" not in html
    assert "Zatwierdź i wyślij e-mail" in html and "Odrzuć i wyślij e-mail" in html


def test_staff_approve_from_the_inspect_page(
    staff_client, rooms_page, room, django_capture_on_commit_callbacks
):
    request = BookingRequestFactory(room=room)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"{BOOKING_INDEX}decide/{request.pk}/", {"action": "approve", "approve-note": "Klucz u portiera."}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert request.decision_reason == "Klucz u portiera."
    (message,) = mail.outbox
    assert Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    page = staff_client.get(response["Location"]).content.decode()
    assert "Wniosek zatwierdzony" in page
    assert "Zatwierdź i wyślij e-mail" not in page


def test_approving_a_conflicting_request_shows_the_polish_message(staff_client, room):
    day = next_weekday(2)
    BookingRequestFactory(room=room, first_starts_at=local(day, 10), status=RequestStatus.APPROVED)
    request = BookingRequestFactory(room=room, first_starts_at=local(day, 11))
    response = staff_client.post(f"{BOOKING_INDEX}decide/{request.pk}/", {"action": "approve"}, follow=True)
    assert "Nie można zatwierdzić – sala jest już zajęta" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_declining_without_a_reason_shows_the_error_next_to_the_field(staff_client, room):
    request = BookingRequestFactory(room=room)
    response = staff_client.post(
        f"{BOOKING_INDEX}decide/{request.pk}/", {"action": "decline", "decline-reason": ""}
    )
    assert response.status_code == 400
    assert "Podaj powód odrzucenia" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    staff_client.post(
        f"{BOOKING_INDEX}decide/{request.pk}/", {"action": "decline", "decline-reason": "Remont."}
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED and request.decision_reason == "Remont."


def test_advisory_accept_with_a_proposed_time(
    staff_client, advisory_page, django_capture_on_commit_callbacks
):
    request = AdvisoryRequestFactory()
    day = next_weekday(1)
    bad = staff_client.post(
        f"{ADVISORY_INDEX}decide/{request.pk}/",
        {
            "action": "approve",
            "approve-day": day.isoformat(),
            "approve-start_time": "16:00",
            "approve-end_time": "15:00",
            "approve-place": "Biuro",
        },
    )
    assert bad.status_code == 400
    assert "Godzina zakończenia musi być późniejsza" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            f"{ADVISORY_INDEX}decide/{request.pk}/",
            {
                "action": "approve",
                "approve-day": day.isoformat(),
                "approve-start_time": "15:00",
                "approve-end_time": "16:00",
                "approve-place": "Biuro COP",
            },
        )
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert request.appointment_starts_at == local(day, 15)
    assert mail.outbox[0].attachments


def test_users_without_permission_cannot_decide(client, django_user_model, room):
    user = django_user_model.objects.create_user("obcy", "obcy@example.org", "haslo")
    client.force_login(user)
    request = BookingRequestFactory(room=room)
    response = client.post(
        f"{BOOKING_INDEX}decide/{request.pk}/", {"action": "decline", "decline-reason": "x"}
    )
    assert response.status_code in (302, 403)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_staff_calendar_week_and_month(staff_client, room):
    day = next_weekday(2)
    BookingRequestFactory(
        room=room, first_starts_at=local(day, 10), status=RequestStatus.APPROVED, group_name="Chór Lutnia"
    )
    BookingRequestFactory(room=room, first_starts_at=local(day, 14), group_name="Klub Szachowy")
    url = reverse("booking_calendar")
    week = staff_client.get(url, {"sala": room.pk, "data": day.isoformat()}).content.decode()
    soup = BeautifulSoup(week, "html.parser")
    cells = soup.select("table.booking-calendar td")
    assert len(cells) == 7
    cell = next(
        c
        for c in cells
        if f"{day:%d.%m}".lstrip("0") in c.strong.text or c.strong.text == f"{day.day}.{day:%m}"
    )
    text = cell.get_text(" ", strip=True)
    assert "Chór Lutnia" in text and "Klub Szachowy" in text and "zatwierdzony" in text
    month = staff_client.get(url, {"widok": "miesiac", "data": day.isoformat()}).content.decode()
    assert len(BeautifulSoup(month, "html.parser").select("table.booking-calendar td")) >= 28
    assert "Chór Lutnia" in month


# A month with no DST change, starting on a Monday: its grid is 1.03–4.04.2027 (five weeks).
MARCH = datetime.date(2027, 3, 1)


def calendar_cells(html: str) -> dict[str, dict[str, list[str]]]:
    """Each cell of the staff calendar by its date („9.03”): the texts of its blackouts and bookings."""
    soup = BeautifulSoup(html, "html.parser")
    cells = {}
    for cell in soup.select("table.booking-calendar td"):
        closed = [li.get_text(" ", strip=True) for li in cell.select("ul.booking-calendar-closed li")]
        booked = [li.get_text(" ", strip=True) for li in cell.select("li[class^=booking-]")]
        cells[cell.strong.get_text(strip=True)] = {"closed": closed, "booked": booked}
    return cells


def test_staff_calendar_shows_blackouts_on_their_days_apart_from_bookings(staff_client, room):
    day = MARCH + datetime.timedelta(days=8)  # Tuesday 9.03
    BlackoutFactory(room=room, starts_at=local(day, 14), ends_at=local(day, 18), reason="Zebranie rady")
    BookingRequestFactory(
        room=room, first_starts_at=local(day, 9), status=RequestStatus.APPROVED, group_name="Chór Lutnia"
    )
    # The Centre closed for all of the next day's opening hours (the room is open 8–20).
    after = day + datetime.timedelta(days=1)
    BlackoutFactory(room=None, starts_at=local(after, 7), ends_at=local(after, 21), reason="Inwentaryzacja")
    response = staff_client.get(reverse("booking_calendar"), {"sala": room.pk, "data": day.isoformat()})
    cells = calendar_cells(response.content.decode())
    assert cells["9.03"] == {
        "closed": ["nieczynna: Sala konferencyjna (14:00–18:00) – Zebranie rady"],
        "booked": ["09:00–11:00: Chór Lutnia (zatwierdzony)"],
    }
    assert cells["10.03"]["closed"] == ["nieczynne: całe Centrum (cały dzień) – Inwentaryzacja"]
    for other in ("8.03", "11.03", "12.03", "13.03", "14.03"):
        assert cells[other] == {"closed": [], "booked": []}
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("table.booking-calendar")["aria-describedby"] == "cal-legend"
    assert "nieczynna" in soup.select_one("#cal-legend").get_text()


def test_staff_calendar_shows_a_blackout_on_each_of_its_days_in_the_month(staff_client, room):
    BlackoutFactory(
        room=room,
        starts_at=local(MARCH + datetime.timedelta(days=9), 10),
        ends_at=local(MARCH + datetime.timedelta(days=12), 12),
        reason="Malowanie sali",
    )
    # Begins in February: shown from the first day of the March grid.
    BlackoutFactory(
        room=room,
        starts_at=local(MARCH - datetime.timedelta(days=3), 8),
        ends_at=local(MARCH + datetime.timedelta(days=1), 10),
        reason="Wymiana okien",
    )
    html = staff_client.get(
        reverse("booking_calendar"), {"widok": "miesiac", "data": "2027-03-15"}
    ).content.decode()
    cells = calendar_cells(html)
    closed = {label: cell["closed"] for label, cell in cells.items() if cell["closed"]}
    assert closed == {
        "1.03": ["nieczynna: Sala konferencyjna (cały dzień) – Wymiana okien"],
        "2.03": ["nieczynna: Sala konferencyjna (00:00–10:00) – Wymiana okien"],
        "10.03": ["nieczynna: Sala konferencyjna (10:00–24:00) – Malowanie sali"],
        "11.03": ["nieczynna: Sala konferencyjna (cały dzień) – Malowanie sali"],
        "12.03": ["nieczynna: Sala konferencyjna (cały dzień) – Malowanie sali"],
        "13.03": ["nieczynna: Sala konferencyjna (00:00–12:00) – Malowanie sali"],
    }
    assert len(cells) == 35


def test_staff_calendar_room_filter_applies_to_blackouts(staff_client, room):
    other = RoomFactory(name="Sala warsztatowa")
    day = MARCH + datetime.timedelta(days=16)
    BlackoutFactory(room=other, starts_at=local(day, 8), ends_at=local(day, 20), reason="Remont podłogi")
    BlackoutFactory(room=None, starts_at=local(day, 6), ends_at=local(day, 7), reason="Przegląd instalacji")
    BookingRequestFactory(room=other, first_starts_at=local(day, 12), group_name="Koło Gospodyń")
    url = reverse("booking_calendar")
    everything = calendar_cells(staff_client.get(url, {"data": day.isoformat()}).content.decode())
    assert everything["17.03"]["closed"] == [
        "nieczynne: całe Centrum (06:00–07:00) – Przegląd instalacji",
        "nieczynna: Sala warsztatowa (cały dzień) – Remont podłogi",
    ]
    assert everything["17.03"]["booked"] == [
        "12:00–14:00 Sala warsztatowa: Koło Gospodyń (oczekuje na decyzję)"
    ]
    one_room = calendar_cells(
        staff_client.get(url, {"sala": room.pk, "data": day.isoformat()}).content.decode()
    )
    assert one_room["17.03"] == {
        "closed": ["nieczynne: całe Centrum (06:00–07:00) – Przegląd instalacji"],
        "booked": [],
    }


@pytest.mark.parametrize("rows", [1, 10])
def test_staff_calendar_query_budget(staff_client, room, rows, django_assert_max_num_queries):
    directory = NGODirectoryPageFactory(parent=Page.get_first_root_node())
    other = RoomFactory(name="Sala warsztatowa")
    for i in range(rows):
        day = MARCH + datetime.timedelta(days=i % 28)
        ngo = NGOProfilePageFactory(parent=directory, title=f"Stowarzyszenie nr {i}", slug=f"stow-{i}")
        BookingRequestFactory(
            room=room if i % 2 else other,
            first_starts_at=local(day, 9),
            status=RequestStatus.APPROVED if i % 3 else RequestStatus.PENDING,
            ngo=ngo,
        )
        BookingRequestFactory(room=room, first_starts_at=local(day, 15), group_name=f"Grupa {i}")
        BlackoutFactory(
            room=room if i % 2 else None,
            starts_at=local(day, 18),
            ends_at=local(day + datetime.timedelta(days=2), 9),
            reason=f"Przerwa {i}",
        )
    url = reverse("booking_calendar")
    params = {"widok": "miesiac", "data": MARCH.isoformat()}
    staff_client.get(url, params)
    # Session, user, permissions, profile, locale and the admin menu's checks (11); the rooms, their
    # opening hours, and the bookings (with requests, rooms, organisations) and blackouts in one query.
    with django_assert_max_num_queries(14):
        response = staff_client.get(url, params)
    html = response.content.decode()
    assert html.count("Stowarzyszenie nr") == rows
    assert html.count("Grupa ") == rows
    assert html.count('class="booking-calendar-closed-label"') == 3 * rows + 1


def test_ngo_editors_cannot_open_the_staff_calendar(client, home_page, make_ngo_editor, room):
    directory = NGODirectoryPageFactory(parent=home_page)
    profile = NGOProfilePageFactory(parent=directory, title="Stowarzyszenie Aktywni Razem", slug="aktywni")
    client.force_login(make_ngo_editor(profile))
    BlackoutFactory(room=room, reason="Malowanie sali")
    response = client.get(reverse("booking_calendar"), {"widok": "miesiac"})
    assert response.status_code in (302, 403)
    assert "Malowanie sali" not in response.content.decode()


def test_advisory_inbox_filters_by_appointment_date(staff_client):
    """Advisors plan by the appointment given on approval, not by when the request came in."""
    today = timezone.localdate()

    def advisory(name, day=None, status=RequestStatus.APPROVED):
        starts = local(day, 16) if day else None
        AdvisoryRequestFactory(
            requester_name=name,
            status=status if day else RequestStatus.PENDING,
            appointment_starts_at=starts,
            appointment_ends_at=starts + datetime.timedelta(hours=1) if starts else None,
        )

    advisory("Anna Dzisiaj", today)
    advisory("Bartek Wkrótce", today + datetime.timedelta(days=4))
    advisory("Celina Później", today + datetime.timedelta(days=45))
    advisory("Damian Minione", today - datetime.timedelta(days=3))
    advisory("Ewa Czeka")
    everyone = ("Anna Dzisiaj", "Bartek Wkrótce", "Celina Później", "Damian Minione", "Ewa Czeka")

    def names(**params):
        html = staff_client.get(ADVISORY_INDEX, params).content.decode()
        return {name for name in everyone if name in html}

    assert names() == set(everyone)
    assert names(termin="dzis") == {"Anna Dzisiaj"}
    assert names(termin="7-dni") == {"Anna Dzisiaj", "Bartek Wkrótce"}
    assert names(termin="nadchodzace") == {"Anna Dzisiaj", "Bartek Wkrótce", "Celina Później"}
    assert names(termin="minione") == {"Damian Minione"}
    assert names(termin="bez-terminu") == {"Ewa Czeka"}
    assert names(termin="bez-terminu", status__exact="approved") == set()
    assert names(termin="cokolwiek") == set(everyone)  # an unknown value filters nothing, never a 500
    html = staff_client.get(ADVISORY_INDEX).content.decode()
    assert "termin konsultacji" in html and "bez terminu" in html


def test_rooms_and_blackouts_are_snippets_staff_can_edit(staff_client, room):
    assert staff_client.get("/admin/snippets/booking/room/").status_code == 200
    assert staff_client.get(f"/admin/snippets/booking/room/edit/{room.pk}/").status_code == 200
    assert staff_client.get("/admin/snippets/booking/blackout/add/").status_code == 200


def test_inbox_filters_by_room_and_by_date(staff_client, room):
    other_room = RoomFactory(name="Sala warsztatowa")
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=3)
    later = today + datetime.timedelta(days=40)
    BookingRequestFactory(room=room, first_starts_at=local(soon, 10), requester_name="Anna Wkrótce")
    BookingRequestFactory(room=room, first_starts_at=local(later, 10), requester_name="Piotr Później")
    BookingRequestFactory(room=other_room, first_starts_at=local(soon, 12), requester_name="Ewa Warsztatowa")
    BookingRequestFactory(
        room=room,
        first_starts_at=local(today - datetime.timedelta(days=5), 10),
        requester_name="Olga Minione",
        status=RequestStatus.APPROVED,
    )

    def names(**params):
        html = staff_client.get(BOOKING_INDEX, params).content.decode()
        return {
            name
            for name in ("Anna Wkrótce", "Piotr Później", "Ewa Warsztatowa", "Olga Minione")
            if name in html
        }

    assert names(sala=other_room.pk) == {"Ewa Warsztatowa"}
    assert names(termin="7-dni") == {"Anna Wkrótce", "Ewa Warsztatowa"}
    assert names(termin="nadchodzace") == {"Anna Wkrótce", "Piotr Później", "Ewa Warsztatowa"}
    assert names(termin="minione") == {"Olga Minione"}
    assert names(termin="7-dni", sala=room.pk) == {"Anna Wkrótce"}
    assert names(termin="7-dni", sala=room.pk, status__exact="approved") == set()
    html = staff_client.get(BOOKING_INDEX).content.decode()
    assert "najbliższe 7 dni" in html and "Sala warsztatowa" in html  # the filter choices are offered


def test_csv_export_of_requests_is_formula_safe_local_time_utf8(staff_client, room):
    day = next_weekday(2)
    BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 17, 30),
        requester_name="Anna Eksportowa",
        purpose='=HYPERLINK("http://zly.example","Kliknij")',
        requester_phone="+48 600 100 200",
    )
    response = staff_client.get(BOOKING_INDEX, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(text[1:])))
    cells = dict(zip(header, row, strict=True))
    assert cells["Imię i nazwisko"] == "Anna Eksportowa"
    assert cells["Organizacja lub grupa"] == "Klub Seniora"
    assert cells["Status"] == "oczekuje na decyzję"
    assert cells["Uzasadnienie lub uwagi"] == ""
    assert cells["Cel spotkania"] == '\'=HYPERLINK("http://zly.example","Kliknij")'
    assert cells["Telefon"] == "'+48 600 100 200"
    assert cells["Pierwszy termin"] == f"{day:%Y-%m-%d} 17:30"  # local time, not UTC


def test_xlsx_export_keeps_a_formula_as_text(staff_client, room):
    BookingRequestFactory(room=room, purpose="=1+1")
    response = staff_client.get(BOOKING_INDEX, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Cel spotkania") + 1)
    assert cell.value == "=1+1" and cell.data_type == "s"


def room_form(**overrides):
    data = {
        "name": "Sala prób",
        "slug": "sala-prob",
        "floor": "parter",
        "capacity": "15",
        "description": "",
        "equipment": "pianino",
        "accessibility_notes": "Bez progów.",
        "photos": inline_formset([]),
        "opening_hours": inline_formset(
            [
                {"weekday": "0", "opens": "09:00", "closes": "17:00"},
                {"weekday": "2", "opens": "16:00", "closes": "20:00"},
            ]
        ),
        "buffer_minutes": "30",
        "min_notice_hours": "72",
        "max_advance_days": "60",
        "sort_order": "5",
        "is_active": "on",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_staff_create_a_room_with_its_hours_and_rules_in_the_admin(staff_client):
    response = staff_client.post("/admin/snippets/booking/room/add/", room_form())
    assert response.status_code == 302
    room = Room.objects.get(slug="sala-prob")
    assert (room.floor, room.capacity, room.buffer_minutes, room.min_notice_hours, room.max_advance_days) == (
        "parter",
        15,
        30,
        72,
        60,
    )
    assert room.is_active and room.accessibility_notes == "Bez progów."
    assert [str(hours) for hours in room.opening_hours.order_by("weekday")] == [
        "poniedziałek 09:00–17:00",
        "środa 16:00–20:00",
    ]


def test_opening_hours_that_close_before_they_open_are_refused(staff_client):
    data = room_form(
        opening_hours=inline_formset([{"weekday": "0", "opens": "17:00", "closes": "09:00"}]),
    )
    response = staff_client.post("/admin/snippets/booking/room/add/", data)
    assert response.status_code == 200
    assert "Godzina zamknięcia musi być późniejsza niż godzina otwarcia." in response.content.decode()
    assert not Room.objects.filter(slug="sala-prob").exists()


def test_a_blackout_must_end_after_it_starts(staff_client, room):
    day = next_weekday(2)
    data = {
        "room": room.pk,
        "starts_at": f"{day:%Y-%m-%d} 18:00",
        "ends_at": f"{day:%Y-%m-%d} 10:00",
        "reason": "Malowanie",
    }
    response = staff_client.post("/admin/snippets/booking/blackout/add/", data)
    assert response.status_code == 200
    assert "Koniec musi być późniejszy niż początek." in response.content.decode()
    data["ends_at"] = f"{day:%Y-%m-%d} 20:00"
    assert staff_client.post("/admin/snippets/booking/blackout/add/", data).status_code == 302
    assert Blackout.objects.get().room == room
