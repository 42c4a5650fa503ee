"""Two sign-ups with one address at the same moment (PostgreSQL): one record, never an error."""

import threading

import pytest
from django.db import connection, connections

from ngo_directory.models import AreaOfActivity
from tests.conftest import in_ci
from volunteering import services
from volunteering.factories import VolunteerCentrePageFactory, born_years_ago
from volunteering.models import Volunteer


def _on_postgresql() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


# Skipped before any database fixture runs (see tests/events/test_concurrency.py for why).
pytestmark = pytest.mark.skipif(
    not _on_postgresql() and not in_ci(), reason="PostgreSQL (DATABASE_URL=postgres://...) is not configured."
)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_signups_with_one_address_make_one_record(home_page):
    assert connection.vendor == "postgresql"
    centre = VolunteerCentrePageFactory(parent=home_page)
    area = AreaOfActivity.objects.create(name="Sport", slug="sport")
    emails = ["jan@example.org", "JAN@example.org", "Jan@Example.org", "jan@EXAMPLE.org", "jAn@example.org"]
    barrier = threading.Barrier(len(emails))
    outcomes = []

    def worker(email):
        try:
            barrier.wait()
            data = {
                "first_name": "Jan",
                "last_name": "Równoległy",
                "email": email,
                "date_of_birth": born_years_ago(30),
                "district": "belk",
                "interests": [area],
                "availability": ["weekends"],
            }
            outcomes.append("created" if services.sign_up(centre, data) else "known")
        except Exception as error:  # noqa: BLE001 - any error is the failure this test looks for
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created"] + ["known"] * (len(emails) - 1)
    assert Volunteer.objects.count() == 1
