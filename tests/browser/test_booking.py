"""A resident's room request in a real browser: an error, then success; staff approve; a public busy slot."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from booking.factories import RoomFactory, RoomsPageFactory
from booking.models import BookingRequest, RequestStatus
from home.permissions import STAFF_GROUP


@pytest.mark.django_db(transaction=True)
def test_resident_request_error_then_success_staff_approval_public_busy_slot(
    browser_page, live_home_page, live_server
):
    rooms_page = RoomsPageFactory(parent=live_home_page)
    room = RoomFactory(name="Mała sala spotkań", slug="mala-sala-spotkan", capacity=8)
    staff = get_user_model().objects.create_user("pracownica", "pracownica@example.org", "haslo-pracownicy")
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(2 - today.weekday()) % 7 + 7)  # a Wednesday next week or later

    page = browser_page
    page.goto(f"{rooms_page.url}sala/{room.slug}/")
    page.get_by_role("link", name="Zarezerwuj tę salę").click()
    page.wait_for_url("**/rezerwacja/?sala=mala-sala-spotkan")
    assert page.locator("#id_room").input_value() == str(room.pk)

    page.fill("#id_requester_name", "Jan Mieszkaniec")
    page.fill("#id_requester_email", "jan@example.org")
    page.fill("#id_requester_phone", "600 700 800")
    page.get_by_label("Mieszkaniec lub grupa nieformalna").check()
    page.fill("#id_date", day.isoformat())
    page.fill("#id_start_time", "17:00")
    page.fill("#id_end_time", "18:30")
    page.fill("#id_attendees", "12")  # more than the 8 places
    page.fill("#id_purpose", "Spotkanie sąsiadów w sprawie zieleni na osiedlu.")
    page.get_by_label("Akceptuję regulamin korzystania z sal Centrum").check()
    page.get_by_role("button", name="Wyślij wniosek").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert "mieści najwyżej 8 osób" in summary.inner_text()
    assert page.input_value("#id_requester_name") == "Jan Mieszkaniec"
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_attendees"
    assert not BookingRequest.objects.exists()

    page.fill("#id_attendees", "6")
    page.get_by_role("button", name="Wyślij wniosek").click()
    # The browser keeps the "#id_attendees" fragment across the redirect, hence the pattern.
    page.wait_for_url(re.compile(r"/wniosek/[\w-]+/\?nowy=1"))
    assert "Wniosek został przyjęty" in page.locator("main").inner_text()
    request = BookingRequest.objects.get()
    assert request.status == RequestStatus.PENDING

    # Staff approve in the admin.
    staff_tab = page.context.browser.new_context(base_url=live_server.url, locale="pl-PL").new_page()
    staff_tab.goto("/admin/login/")
    staff_tab.fill("#id_username", "pracownica")
    staff_tab.fill("#id_password", "haslo-pracownicy")
    staff_tab.locator("button[type=submit]").first.click()
    staff_tab.wait_for_url("**/admin/")
    staff_tab.goto(f"/admin/booking/bookingrequest/inspect/{request.pk}/")
    staff_tab.fill("#id_approve-note", "Klucz w biurze COP.")
    staff_tab.get_by_role("button", name="Zatwierdź i wyślij e-mail").click()
    expect(staff_tab.locator("body")).to_contain_text("Wniosek zatwierdzony")
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    staff_tab.context.close()

    # The public week view shows the busy slot, without the requester's name or purpose.
    year, week, _ = day.isocalendar()
    page.goto(f"{rooms_page.url}sala/{room.slug}/?tydzien={year}-W{week:02d}")
    table = page.get_by_role("table")
    row = table.get_by_role("row").filter(has_text=day.strftime("%d.%m.%Y"))
    assert "17:00–18:30 Zajęte" in row.inner_text()
    body = page.locator("main").inner_text()
    assert "Jan Mieszkaniec" not in body and "zieleni" not in body
