"""The "which organisation" field of the room and advisory request forms: typed name or KRS, no list of
every organisation in the page, clear Polish errors next to the field, the chosen id checked again."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from booking.models import AdvisoryRequest, BookingRequest
from ngo_directory.factories import NGODirectoryPageFactory, NGOProfilePageFactory
from tests.ngo_directory.conftest import bulk_organisations

from .conftest import next_weekday
from .test_public import advisory_form_data as public_advisory_form_data
from .test_public import booking_form_data

pytestmark = pytest.mark.django_db

# Page and site, settings, the form's rooms, the page's own data... and no query about organisations.
BOOKING_FORM_QUERY_BUDGET = 10
ADVISORY_FORM_QUERY_BUDGET = 8


@pytest.fixture
def directory(home_page):
    return NGODirectoryPageFactory(parent=home_page)


@pytest.fixture
def orlik(directory):
    return NGOProfilePageFactory(
        parent=directory, title="Klub Sportowy Orlik", slug="orlik", city="Czerwionka"
    )


@pytest.fixture
def orlik_junior(directory):
    return NGOProfilePageFactory(parent=directory, title="Klub Sportowy Orlik Junior", slug="orlik-junior")


@pytest.fixture
def kgw(directory):
    return NGOProfilePageFactory(
        parent=directory, title="Koło Gospodyń Wiejskich w Bełku", slug="kgw", legal_form="kgw", krs=""
    )


def advisory_form_data(**overrides):
    """An NGO's advisory request (the organisation comes from the picker field)."""
    return public_advisory_form_data(
        requester_kind="ngo",
        group_name="",
        description="Chcemy złożyć pierwszy wniosek o grant.",
        **overrides,
    )


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def field_error(response):
    return soup_of(response).select_one("#id_ngo-error").get_text(" ", strip=True)


# The page: a text field, never the whole directory ------------------------------------------------


def form_page(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("kind", ["booking", "advisory"])
def test_form_page_weighs_the_same_at_10_and_2000_organisations(
    client, rooms_page, advisory_page, room, directory, kind, django_assert_max_num_queries
):
    url, budget = {
        "booking": (f"{rooms_page.url}rezerwacja/", BOOKING_FORM_QUERY_BUDGET),
        "advisory": (advisory_page.url, ADVISORY_FORM_QUERY_BUDGET),
    }[kind]
    bulk_organisations(directory, 10)
    client.get(url)  # per-process caches (site root paths, settings)
    small_queries, small_html = form_page(client, url)
    bulk_organisations(directory, 1990, start=10)
    large_queries, large_html = form_page(client, url)
    assert small_queries == large_queries
    assert len(large_html) == len(small_html)
    assert "Organizacja masowa" not in large_html
    with django_assert_max_num_queries(budget):
        client.get(url)

    field = soup_of(client.get(url)).select_one("#id_ngo")
    assert field.name == "input" and field["type"] == "text" and field["name"] == "ngo"
    assert soup_of(client.get(url)).select_one('label[for="id_ngo"]').get_text(strip=True) == "Organizacja"
    hidden = soup_of(client.get(url)).select_one('input[type="hidden"][name="ngo_id"]')
    assert hidden is not None and hidden["value"] == ""
    assert "/static/js/organisation-picker.js" in large_html


# Without JavaScript: the typed text is resolved ---------------------------------------------------


def test_typed_name_without_polish_letters_is_saved_as_the_organisation(client, rooms_page, room, kgw):
    data = booking_form_data(room, next_weekday(3), requester_kind="ngo", ngo="kolo gospodyn wiejskich")
    assert client.post(f"{rooms_page.url}rezerwacja/", data).status_code == 302
    request = BookingRequest.objects.get()
    assert request.ngo_id == kgw.pk and request.requester_label == "Koło Gospodyń Wiejskich w Bełku"


def test_advisory_request_by_krs(client, advisory_page, orlik):
    response = client.post(advisory_page.url, advisory_form_data(ngo=f" {orlik.krs} "))
    assert response.status_code == 302
    assert AdvisoryRequest.objects.get().ngo_id == orlik.pk


def test_several_matches_list_the_candidates_next_to_the_field_and_keep_the_answers(
    client, rooms_page, room, orlik, orlik_junior
):
    data = booking_form_data(room, next_weekday(3), requester_kind="ngo", ngo="klub sportowy")
    response = client.post(f"{rooms_page.url}rezerwacja/", data)
    assert response.status_code == 200
    error = field_error(response)
    assert "Tej nazwie odpowiada kilka organizacji" in error
    assert f"Klub Sportowy Orlik (KRS {orlik.krs}, Czerwionka)" in error
    assert f"Klub Sportowy Orlik Junior (KRS {orlik_junior.krs}" in error
    soup = soup_of(response)
    assert soup.select_one("#id_ngo")["value"] == "klub sportowy"
    assert soup.select_one("#id_ngo")["aria-invalid"] == "true"
    assert "id_ngo-error" in soup.select_one("#id_ngo")["aria-describedby"]
    assert soup.select_one("#id_requester_name")["value"] == "Jan Mieszkaniec"
    assert soup.select_one("#id_purpose").get_text(strip=True) == "Próba chóru osiedlowego."
    assert soup.select_one('.error-summary a[href="#id_ngo"]') is not None
    assert not BookingRequest.objects.exists()

    data["ngo"] = "klub sportowy orlik"  # the full name decides between the two
    assert client.post(f"{rooms_page.url}rezerwacja/", data).status_code == 302
    assert BookingRequest.objects.get().ngo_id == orlik.pk


def test_no_match_and_nothing_typed_are_explained(client, advisory_page, orlik):
    response = client.post(advisory_page.url, advisory_form_data(ngo="Towarzystwo Nieznane"))
    assert "Nie ma w bazie organizacji żadnej organizacji o nazwie lub numerze KRS" in field_error(response)
    response = client.post(advisory_page.url, advisory_form_data(ngo=""))
    assert "Wpisz nazwę lub numer KRS organizacji z bazy" in field_error(response)
    assert not AdvisoryRequest.objects.exists()


def test_an_unpublished_organisation_cannot_be_named(client, advisory_page, directory):
    draft = NGOProfilePageFactory(parent=directory, title="Fundacja Szkicowa", slug="szkic", live=False)
    response = client.post(advisory_page.url, advisory_form_data(ngo="Fundacja Szkicowa"))
    assert response.status_code == 200 and "Nie ma w bazie organizacji" in field_error(response)
    response = client.post(advisory_page.url, advisory_form_data(ngo="Fundacja Szkicowa", ngo_id=draft.pk))
    assert "Wybranej organizacji nie ma w bazie organizacji" in field_error(response)
    assert not AdvisoryRequest.objects.exists()


# With JavaScript: the combobox's hidden id, checked again --------------------------------------------


def test_the_chosen_id_is_saved(client, rooms_page, room, orlik, orlik_junior):
    data = booking_form_data(
        room, next_weekday(3), requester_kind="ngo", ngo="Klub Sportowy Orlik Junior", ngo_id=orlik_junior.pk
    )
    assert client.post(f"{rooms_page.url}rezerwacja/", data).status_code == 302
    assert BookingRequest.objects.get().ngo_id == orlik_junior.pk


@pytest.mark.parametrize("tampered", ["abc", "0", "999999999", "1" * 40, "<script>"])
def test_a_tampered_id_is_a_polish_error_not_a_crash(client, rooms_page, room, orlik, tampered):
    data = booking_form_data(room, next_weekday(3), requester_kind="ngo", ngo=orlik.title, ngo_id=tampered)
    response = client.post(f"{rooms_page.url}rezerwacja/", data)
    assert response.status_code == 200
    assert "Wybranej organizacji nie ma w bazie organizacji" in field_error(response)
    assert 'value="&lt;script&gt;"' in response.content.decode() or tampered != "<script>"
    assert not BookingRequest.objects.exists()


# A resident or an informal group: the organisation field does not matter --------------------------------


def test_a_resident_request_ignores_whatever_is_in_the_organisation_field(client, rooms_page, room, orlik):
    data = booking_form_data(
        room, next_weekday(3), requester_kind="other", group_name="Chór osiedlowy", ngo="xyz", ngo_id="abc"
    )
    assert client.post(f"{rooms_page.url}rezerwacja/", data).status_code == 302
    request = BookingRequest.objects.get()
    assert request.ngo is None and request.group_name == "Chór osiedlowy"
