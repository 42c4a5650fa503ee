"""The staff rooms calendar in a real browser: blackouts readable apart from bookings, WCAG 2.1 AA."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from booking.factories import BlackoutFactory, BookingRequestFactory, RoomFactory
from booking.models import RequestStatus
from home.permissions import STAFF_GROUP
from tests.booking.conftest import local

from .axe import axe_violations, format_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_calendar_blackouts_are_labelled_and_accessible(browser_page, live_home_page):
    page = browser_page
    staff = get_user_model().objects.create_user("pracownica", "pracownica@example.org", "haslo-pracownicy")
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    room = RoomFactory(name="Sala konferencyjna")
    day = datetime.date(2027, 3, 9)
    BookingRequestFactory(room=room, first_starts_at=local(day, 9), group_name="Chór Lutnia")
    BlackoutFactory(
        room=room,
        starts_at=local(day, 14),
        ends_at=local(day + datetime.timedelta(days=2), 12),
        reason="Malowanie",
    )
    BookingRequestFactory(
        room=room, first_starts_at=local(day, 10), status=RequestStatus.APPROVED, group_name="Klub"
    )
    page.goto("/admin/login/")
    page.fill("#id_username", "pracownica")
    page.fill("#id_password", "haslo-pracownicy")
    page.locator("button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/kalendarz-sal/?widok=miesiac&data={day.isoformat()}")
    table = page.get_by_role("table", name="Wszystkie sale – marzec 2027")
    closed = table.get_by_role("listitem").filter(has_text="nieczynna")
    # The blackout on each of its three days, bookings apart from it.
    expect(closed).to_have_count(3)
    expect(closed.first).to_have_text("nieczynna: Sala konferencyjna (14:00–24:00) – Malowanie")
    expect(table.get_by_role("listitem").filter(has_text="Chór Lutnia")).not_to_contain_text("nieczynna")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
