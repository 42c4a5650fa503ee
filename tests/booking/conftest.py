"""Fixtures of the booking tests: the rooms and advisory pages, a room, helpers for dates."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from booking.factories import AdvisoryPageFactory, RoomFactory, RoomsPageFactory

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WARSAW)


def next_weekday(weekday: int, weeks_ahead: int = 1) -> datetime.date:
    """The given weekday at least ``weeks_ahead`` weeks from today (safely beyond any notice)."""
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)


@pytest.fixture
def rooms_page(home_page):
    return RoomsPageFactory(parent=home_page)


@pytest.fixture
def advisory_page(home_page):
    return AdvisoryPageFactory(parent=home_page)


@pytest.fixture
def room(db):
    return RoomFactory(name="Sala konferencyjna", slug="sala-konferencyjna", capacity=30)


def pytest_runtest_setup(item):
    """Decide about PostgreSQL-only tests before any database fixture runs.

    The shared rule in tests/conftest.py skips them from a fixture, i.e. after a transactional
    test database was already set up; its teardown flush would then wipe the migration data
    (locales, groups) other tests on the same worker rely on.
    """
    if item.get_closest_marker("postgres"):
        from django.conf import settings

        from tests.conftest import missing_component

        if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
            missing_component("PostgreSQL (DATABASE_URL=postgres://...)")
