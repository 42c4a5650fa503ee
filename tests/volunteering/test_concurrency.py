"""Two sign-ups with one address at the same moment (PostgreSQL): one record, never an error."""

import pytest
from django.db import connection

from ngo_directory.models import AreaOfActivity
from tests.concurrency import all_at_once
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

    def sign_up(email):
        data = {
            "first_name": "Jan",
            "last_name": "Równoległy",
            "email": email,
            "date_of_birth": born_years_ago(30),
            "district": "belk",
            "interests": [area],
            "availability": ["weekends"],
        }
        return "created" if services.sign_up(centre, data) else "known"

    outcomes = [
        repr(outcome) if isinstance(outcome, Exception) else outcome
        for outcome in all_at_once(sign_up, emails)
    ]
    assert sorted(outcomes) == ["created"] + ["known"] * (len(emails) - 1)
    assert Volunteer.objects.count() == 1
