"""Rooms and public availability in the domain API; requests never exposed."""

import datetime

import pytest

from booking.factories import BlackoutFactory, BookingRequestFactory, RoomFactory
from booking.models import RequestStatus

from .conftest import local, next_weekday

pytestmark = pytest.mark.django_db

API = "/api/cop/v1"


def test_rooms_list_with_opening_hours_and_links(client, rooms_page, room):
    RoomFactory(name="Nieaktywna", is_active=False)
    data = client.get(f"{API}/rooms/").json()
    assert data["count"] == 1
    (item,) = data["items"]
    assert item["name"] == "Sala konferencyjna"
    assert item["capacity"] == 30
    assert item["equipment"] == ["rzutnik", "flipchart"]
    assert item["opening_hours"][0] == {
        "weekday": 0,
        "weekday_name": "poniedziałek",
        "opens": "08:00:00",
        "closes": "20:00:00",
    }
    assert item["url"] == f"http://testserver{rooms_page.url}sala/{room.slug}/"
    assert client.get(item["ical_url"].replace("http://testserver", "")).status_code == 200


@pytest.mark.parametrize("rooms", [1, 15])
def test_rooms_list_query_budget(client, rooms_page, rooms, django_assert_num_queries):
    for _ in range(rooms):
        RoomFactory()
    with django_assert_num_queries(6):  # rooms page + its site (2), count, rooms, opening hours
        response = client.get(f"{API}/rooms/?limit=100")
    assert response.json()["count"] == rooms


def test_room_detail_and_404(client, room):
    assert client.get(f"{API}/rooms/{room.slug}/").json()["slug"] == room.slug
    assert client.get(f"{API}/rooms/nie-ma/").status_code == 404


def test_availability_has_no_personal_data(client, room):
    day = next_weekday(2)
    BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 10),
        status=RequestStatus.APPROVED,
        requester_name="Zofia Tajna",
        requester_email="zofia@example.org",
        purpose="Poufne",
    )
    BookingRequestFactory(
        room=room,
        first_starts_at=local(day, 14),
        status=RequestStatus.APPROVED,
        show_publicly=True,
        public_title="Warsztaty",
    )
    BookingRequestFactory(room=room, first_starts_at=local(day, 18), status=RequestStatus.PENDING)
    BlackoutFactory(
        room=None,
        starts_at=local(day + datetime.timedelta(days=1), 0),
        ends_at=local(day + datetime.timedelta(days=1), 23),
        reason="Święto",
    )
    response = client.get(
        f"{API}/rooms/{room.slug}/availability/",
        {"date_from": day.isoformat(), "date_to": (day + datetime.timedelta(days=2)).isoformat()},
    )
    assert response.status_code == 200
    body = response.content.decode()
    for secret in ("Zofia", "zofia@", "Poufne", "Anna Kowalska", "Klub Seniora", "600 100 200"):
        assert secret not in body
    data = response.json()
    assert [slot["title"] for slot in data["busy"]] == ["Zajęte", "Warsztaty"]
    assert data["busy"][0]["starts_at"].startswith(f"{day.isoformat()}T")
    assert data["closed"][0]["reason"] == "Święto"
    assert data["buffer_minutes"] == 15


def test_availability_validates_the_range(client, room):
    today = datetime.date.today()
    assert (
        client.get(
            f"{API}/rooms/{room.slug}/availability/",
            {"date_from": today.isoformat(), "date_to": (today - datetime.timedelta(days=1)).isoformat()},
        ).status_code
        == 400
    )
    assert (
        client.get(
            f"{API}/rooms/{room.slug}/availability/",
            {"date_from": today.isoformat(), "date_to": (today + datetime.timedelta(days=90)).isoformat()},
        ).status_code
        == 400
    )
    assert client.get(f"{API}/rooms/{room.slug}/availability/", {"date_from": "wczoraj"}).status_code == 422
    assert (
        client.get(f"{API}/rooms/{room.slug}/availability/").json()["date_from"]
        == datetime.date.today().isoformat()
    )


@pytest.mark.parametrize("bookings", [1, 20])
def test_availability_query_budget(client, room, bookings, django_assert_num_queries):
    day = next_weekday(0)
    for i in range(bookings):
        BookingRequestFactory(
            room=room,
            first_starts_at=local(day + datetime.timedelta(days=i % 7), 8 + (i // 7) * 3),
            status=RequestStatus.APPROVED,
        )
    with django_assert_num_queries(3):  # room, busy slots (with their request), blackouts
        data = client.get(f"{API}/rooms/{room.slug}/availability/", {"date_from": day.isoformat()}).json()
    assert len(data["busy"]) == bookings


def test_requests_are_not_in_the_api_schema(client):
    schema = client.get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    assert f"{API}/rooms/" in paths and f"{API}/rooms/{{slug}}/availability/" in paths
    text = str(schema).lower()
    assert "requester" not in text and "bookingrequest" not in text and "advisory" not in text
