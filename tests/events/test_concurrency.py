"""No overbooking under concurrent requests (PostgreSQL: the event row is locked while places are counted)."""

import pytest
from django.db import connection

from events import services
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration
from tests.concurrency import all_at_once, errors
from tests.conftest import in_ci


def _on_postgresql() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


# Skip before any database fixture runs: a transactional test skipped after its set-up flushes the
# test database and breaks the live-server tests that follow it. In CI the shared ``postgres`` rule
# (tests/conftest.py) still turns a missing PostgreSQL into a failure.
pytestmark = pytest.mark.skipif(
    not _on_postgresql() and not in_ci(), reason="PostgreSQL (DATABASE_URL=postgres://...) is not configured."
)


def fire(event, emails):
    """Register every address at the same moment, each from its own thread (and database connection)."""

    def register(email):
        return services.register(event, name="Osoba Równoległa", email=email).status

    return [
        type(outcome).__name__ if isinstance(outcome, services.RegistrationError) else outcome
        for outcome in all_at_once(register, emails)
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_overbook(home_page):
    assert connection.vendor == "postgresql"
    calendar = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=calendar, registration_enabled=True, capacity=3)
    outcomes = fire(event, [f"osoba{number}@example.org" for number in range(10)])
    assert sorted(outcomes) == ["confirmed"] * 3 + ["waiting"] * 7
    assert Registration.objects.filter(event=event, status="confirmed").count() == 3
    assert Registration.objects.filter(event=event, status="waiting").count() == 7


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_duplicates_register_once(home_page):
    calendar = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=calendar, registration_enabled=True, capacity=5)
    outcomes = fire(event, ["jan@example.org", "JAN@example.org", "Jan@Example.org", "jan@example.org "])
    assert sorted(outcomes) == ["AlreadyRegistered"] * 3 + ["confirmed"]
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_cancellations_promote_each_waiting_person_once(home_page):
    calendar = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=calendar, registration_enabled=True, capacity=2)
    confirmed = [services.register(event, name="Potwierdzona", email=f"p{n}@example.org") for n in range(2)]
    waiting = [services.register(event, name="Rezerwowa", email=f"r{n}@example.org") for n in range(3)]
    assert [r.status for r in waiting] == ["waiting"] * 3
    assert errors(all_at_once(lambda registration: services.cancel(registration.pk), confirmed)) == []
    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {
        "p0@example.org": "cancelled",
        "p1@example.org": "cancelled",
        "r0@example.org": "confirmed",
        "r1@example.org": "confirmed",
        "r2@example.org": "waiting",
    }
