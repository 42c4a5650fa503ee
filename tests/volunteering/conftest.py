"""Fixtures of the volunteering tests: the Centre with its club and offer lists, taxonomy, NGOs."""

import pytest

from ngo_directory.models import AreaOfActivity, NGODirectoryPage
from volunteering.factories import (
    SkillFactory,
    VolunteerCentrePageFactory,
    VolunteerClubIndexPageFactory,
    VolunteerClubPageFactory,
    VolunteerOfferIndexPageFactory,
)


@pytest.fixture
def centre(home_page):
    return VolunteerCentrePageFactory(parent=home_page)


@pytest.fixture
def club_index(centre):
    return VolunteerClubIndexPageFactory(parent=centre)


@pytest.fixture
def offer_index(centre):
    return VolunteerOfferIndexPageFactory(parent=centre)


@pytest.fixture
def areas(db):
    return {
        slug: AreaOfActivity.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [("seniorzy", "Seniorzy"), ("ekologia", "Ekologia"), ("sport", "Sport i rekreacja")]
    }


@pytest.fixture
def skills(db):
    return {
        slug: SkillFactory(slug=slug, name=name)
        for slug, name in [
            ("komputer", "Obsługa komputera"),
            ("prawo-jazdy", "Prawo jazdy"),
            ("jezyki", "Języki obce"),
        ]
    }


@pytest.fixture
def ngo_directory(home_page):
    directory = NGODirectoryPage(title="Baza organizacji", slug="organizacje")
    home_page.add_child(instance=directory)
    return directory


def make_ngo(directory, title, slug, username, make_ngo_editor):
    """A published NGO profile owned by its own editor group (home.editors), with one editor account."""
    from ngo_directory.factories import NGOProfilePageFactory

    profile = NGOProfilePageFactory(parent=directory, title=title, slug=slug)
    profile.save_revision().publish()
    return profile, make_ngo_editor(profile, username)


@pytest.fixture
def ngo_a(ngo_directory, make_ngo_editor):
    return make_ngo(ngo_directory, "Stowarzyszenie Alfa", "alfa", "redaktor-alfa", make_ngo_editor)


@pytest.fixture
def ngo_b(ngo_directory, make_ngo_editor):
    return make_ngo(ngo_directory, "Fundacja Beta", "beta", "redaktor-beta", make_ngo_editor)


def make_club(club_index, title, username, make_club_coordinator):
    club = VolunteerClubPageFactory(parent=club_index, title=title)
    return club, make_club_coordinator(club, username)


@pytest.fixture
def club_a(club_index, make_club_coordinator):
    return make_club(club_index, "Koło przy SP 1", "opiekun-a", make_club_coordinator)


@pytest.fixture
def club_b(club_index, make_club_coordinator):
    return make_club(club_index, "Koło przy SP 5", "opiekun-b", make_club_coordinator)
