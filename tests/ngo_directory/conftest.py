"""Fixtures of the NGO directory: the directory page, areas, and two organisations with their own editors."""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from home.editors import add_editor
from ngo_directory.factories import AreaOfActivityFactory, NGODirectoryPageFactory, NGOProfilePageFactory
from ngo_directory.services import give_ngo_subtree


@dataclass
class Organisation:
    page: object
    subtree: object
    editor: object


@pytest.fixture
def directory(home_page):
    return NGODirectoryPageFactory(parent=home_page)


@pytest.fixture
def areas(db):
    return {
        "sport": AreaOfActivityFactory(name="Sport i rekreacja", slug="sport"),
        "kultura": AreaOfActivityFactory(name="Kultura i tradycja", slug="kultura"),
        "seniorzy": AreaOfActivityFactory(name="Seniorzy", slug="seniorzy"),
    }


def make_organisation(directory, username, **fields) -> Organisation:
    page = NGOProfilePageFactory(parent=directory, **fields)
    subtree = give_ngo_subtree(page)
    editor = get_user_model().objects.create_user(username, f"{username}@example.org", "haslo-redaktora")
    add_editor(subtree, editor)
    return Organisation(page, subtree, editor)


@pytest.fixture
def ngo_a(directory):
    return make_organisation(directory, "redaktor_a", title="Stowarzyszenie Alfa", slug="alfa")


@pytest.fixture
def ngo_b(directory):
    return make_organisation(
        directory, "redaktor_b", title="Fundacja Beta", slug="beta", legal_form="fundacja"
    )
