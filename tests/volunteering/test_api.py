"""Clubs and open offers in the domain API: filters, schema, pinned query budgets, no personal data."""

import json

import pytest
from wagtail.models import PageViewRestriction

from volunteering.factories import (
    OfferApplicationFactory,
    VolunteerClubPageFactory,
    VolunteerFactory,
    VolunteerOfferPageFactory,
)

API = "/api/cop/v1/volunteering"
pytestmark = pytest.mark.django_db


def test_schema_documents_the_endpoints(client, home_page):
    paths = set(client.get("/api/cop/v1/openapi.json").json()["paths"])
    assert {
        f"{API}/offers/",
        f"{API}/offers/{{offer_id}}/",
        f"{API}/clubs/",
        f"{API}/clubs/{{club_id}}/",
    } <= paths


def test_offers_filters_and_organiser(client, offer_index, ngo_a, areas, skills):
    profile, _ = ngo_a
    VolunteerOfferPageFactory(
        parent=offer_index, title="Seniorzy", areas=[areas["seniorzy"]], min_age=18, district="belk"
    )
    VolunteerOfferPageFactory(
        parent=profile,
        title="Las",
        areas=[areas["ekologia"]],
        skills=[skills["prawo-jazdy"]],
        min_age=13,
        district="palowice",
    )
    VolunteerOfferPageFactory(parent=offer_index, title="Zamknięta", accepting_applications=False)
    draft = VolunteerOfferPageFactory(parent=offer_index, title="Szkic")
    draft.unpublish()
    private = VolunteerOfferPageFactory(parent=offer_index, title="Prywatna")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    data = client.get(f"{API}/offers/").json()
    assert sorted(item["title"] for item in data["items"]) == ["Las", "Seniorzy"]
    las = next(item for item in data["items"] if item["title"] == "Las")
    assert las["organiser"] == "Stowarzyszenie Alfa" and las["suitable_for_minors"] is True
    assert las["skills"] == [{"name": "Prawo jazdy", "slug": "prawo-jazdy"}]
    for params, expected in [
        ({"area": "seniorzy"}, ["Seniorzy"]),
        ({"skill": "prawo-jazdy"}, ["Las"]),
        ({"district": "belk"}, ["Seniorzy"]),
        ({"for_minors": "true"}, ["Las"]),
    ]:
        assert [i["title"] for i in client.get(f"{API}/offers/", params).json()["items"]] == expected
    assert client.get(f"{API}/offers/{draft.pk}/").status_code == 404
    assert client.get(f"{API}/offers/{private.pk}/").status_code == 404
    detail = client.get(f"{API}/offers/{las['id']}/").json()
    assert "tasks_html" in detail and detail["contact_email"] == "oferta@example.org"


def test_no_personal_data_anywhere(client, offer_index, club_index):
    offer = VolunteerOfferPageFactory(parent=offer_index)
    VolunteerClubPageFactory(parent=club_index)
    OfferApplicationFactory(offer=offer, name="Ukryty Zgłaszający", email="ukryty@example.org")
    VolunteerFactory(first_name="Ukryta", last_name="Wolontariuszka", email="ukryta@example.org")
    body = json.dumps(
        [
            client.get(f"{API}/offers/").json(),
            client.get(f"{API}/clubs/").json(),
            client.get(f"{API}/offers/{offer.pk}/").json(),
        ]
    )
    for secret in ("Ukryty", "ukryty@", "Ukryta", "ukryta@"):
        assert secret not in body
    schema = json.dumps(client.get("/api/cop/v1/openapi.json").json())
    assert "guardian" not in schema and "date_of_birth" not in schema


@pytest.mark.parametrize("rows", [2, 30])
def test_offers_query_budget(client, offer_index, ngo_a, areas, skills, rows, django_assert_max_num_queries):
    profile, _ = ngo_a
    for n in range(rows):
        VolunteerOfferPageFactory(
            parent=profile if n % 2 else offer_index, areas=[areas["sport"]], skills=[skills["komputer"]]
        )
    client.get(f"{API}/offers/")
    with django_assert_max_num_queries(8):
        data = client.get(f"{API}/offers/", {"limit": 50}).json()
    assert data["count"] == rows


@pytest.mark.parametrize("rows", [2, 30])
def test_clubs_query_budget(client, club_index, rows, django_assert_max_num_queries):
    for _n in range(rows):
        VolunteerClubPageFactory(parent=club_index)
    client.get(f"{API}/clubs/")
    with django_assert_max_num_queries(5):
        data = client.get(f"{API}/clubs/", {"limit": 50}).json()
    assert data["count"] == rows and data["items"][0]["school_name"]
