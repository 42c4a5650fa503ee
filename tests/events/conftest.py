"""Fixtures of the events tests: a calendar under the home page and an event with registration."""

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory


@pytest.fixture
def calendar(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def event(calendar):
    return EventPageFactory(
        parent=calendar,
        title="Spotkanie integracyjne organizacji",
        registration_enabled=True,
        capacity=2,
        rules_summary="Udział po zapisie; rezygnację zgłaszasz linkiem z e-maila.",
    )


def registration_data(**overrides):
    data = {
        "name": "Jan Kowalski",
        "email": "jan@example.org",
        "organisation": "Stowarzyszenie Przykładowe",
        "accessibility_needs": "",
        "accept_rules": "on",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return data
