"""Fixtures of the volunteering tests: the Centre with its club and offer lists, taxonomy, NGOs."""

import pytest
from django.contrib.auth import get_user_model

from home.editors import add_editor, give_subtree
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


def make_ngo(directory, title, slug, username):
    """An NGO profile owned by its own editor group (home.editors), with one editor account."""
    from ngo_directory.factories import NGOProfilePageFactory

    profile = NGOProfilePageFactory(parent=directory, title=title, slug=slug)
    profile.save_revision().publish()
    subtree = give_subtree(
        profile,
        group_name=f"Redaktorzy: {title}",
        collection_name=title,
        kind="organizacja",
        parent_collection="Organizacje",
    )
    editor = get_user_model().objects.create_user(username, f"{username}@example.org", "haslo")
    add_editor(subtree, editor)
    return profile, editor


@pytest.fixture
def ngo_a(ngo_directory):
    return make_ngo(ngo_directory, "Stowarzyszenie Alfa", "alfa", "redaktor-alfa")


@pytest.fixture
def ngo_b(ngo_directory):
    return make_ngo(ngo_directory, "Fundacja Beta", "beta", "redaktor-beta")


def make_club(club_index, title, username):
    club = VolunteerClubPageFactory(parent=club_index, title=title)
    subtree = give_subtree(
        club,
        group_name=f"Opiekunowie: {title}",
        collection_name=title,
        kind="koło wolontariatu",
        parent_collection="Koła wolontariatu",
    )
    coordinator = get_user_model().objects.create_user(username, f"{username}@example.org", "haslo")
    add_editor(subtree, coordinator)
    return club, coordinator


@pytest.fixture
def club_a(club_index):
    return make_club(club_index, "Koło przy SP 1", "opiekun-a")


@pytest.fixture
def club_b(club_index):
    return make_club(club_index, "Koło przy SP 5", "opiekun-b")
