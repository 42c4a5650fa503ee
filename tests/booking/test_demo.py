"""The booking demo: the Centre's four rooms, a week of bookings, pending requests, advisory, menu."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from booking.models import AdvisoryRequest, Booking, BookingRequest, RequestStatus, Room, RoomsPage
from booking.services import WORKFLOWS
from home.models import NavigationSettings


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_rooms_bookings_and_pages(client):
    call_command("load_demo_content")
    counts = (
        Room.objects.count(),
        BookingRequest.objects.count(),
        Booking.objects.count(),
        AdvisoryRequest.objects.count(),
    )
    call_command("load_demo_content")
    assert (
        Room.objects.count(),
        BookingRequest.objects.count(),
        Booking.objects.count(),
        AdvisoryRequest.objects.count(),
    ) == counts

    assert list(Room.objects.values_list("name", flat=True)) == [
        "Sala konferencyjna",
        "Sala warsztatowa",
        "Mała sala spotkań",
        "Sala Centrum Wolontariatu",
    ]
    assert Booking.objects.filter(status=RequestStatus.APPROVED).count() >= 8
    pending = BookingRequest.objects.filter(status=RequestStatus.PENDING)
    assert pending.count() >= 3
    assert any(WORKFLOWS["booking"].conflicts(request) for request in pending)
    assert AdvisoryRequest.objects.filter(status=RequestStatus.PENDING).exists()

    site = Site.objects.get(is_default_site=True)
    host = site.hostname + (f":{site.port}" if site.port != 80 else "")
    rooms_page = RoomsPage.objects.get()
    html = client.get(rooms_page.url, HTTP_HOST=host).content.decode()
    assert html.count('class="room-card"') == 4
    week = client.get(f"{rooms_page.url}sala/sala-konferencyjna/", HTTP_HOST=host).content.decode()
    assert "Próba chóru „Lutnia”" in week
    assert "Halina Wróbel" not in week
    assert client.get(f"{rooms_page.url}rezerwacja/", HTTP_HOST=host).status_code == 200
    menu_pages = [
        item.value["page"].pk for item in NavigationSettings.for_site(site).main_menu if item.value["page"]
    ]
    assert rooms_page.pk in menu_pages
