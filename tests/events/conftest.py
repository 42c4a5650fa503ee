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


@pytest.fixture
def ngo_directory(home_page):
    from ngo_directory.models import NGODirectoryPage

    directory = NGODirectoryPage(title="Baza organizacji", slug="organizacje")
    home_page.add_child(instance=directory)
    directory.save_revision().publish()
    return directory


def make_ngo(directory, title, email=""):
    """A published NGO profile with valid registry numbers (the directory's factory)."""
    from ngo_directory.factories import NGOProfilePageFactory

    profile = NGOProfilePageFactory(parent=directory, title=title, email=email)
    profile.save_revision().publish()
    return profile


@pytest.fixture
def ngo(ngo_directory):
    return make_ngo(ngo_directory, "Stowarzyszenie Aktywni Razem", email="kontakt@aktywni.example.org")


@pytest.fixture
def other_ngo(ngo_directory):
    return make_ngo(ngo_directory, "Fundacja Zielona Gmina")
