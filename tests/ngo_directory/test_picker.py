"""The organisation picker of public forms: what a typed name, KRS or chosen id resolves to, and the
suggestions endpoint the combobox asks as the visitor types (accent-insensitive, constant queries)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from ngo_directory.factories import NGOProfilePageFactory, valid_krs
from ngo_directory.models import NGOProfilePage
from ngo_directory.picker import resolve_organisation, search_organisations
from tests.ngo_directory.conftest import bulk_organisations

pytestmark = pytest.mark.django_db

SUGGEST_URL = "/api/cop/v1/organizacje/podpowiedzi/"
# Rate-limit counter (cache, no SQL), view restrictions, the matching organisations (search subquery).
SUGGEST_QUERY_BUDGET = 3


@pytest.fixture
def organisations(directory):
    kgw = NGOProfilePageFactory(
        parent=directory,
        title="Koło Gospodyń Wiejskich w Bełku",
        slug="kgw-belk",
        legal_form="kgw",
        krs="",
        city="Bełk",
    )
    orlik = NGOProfilePageFactory(
        parent=directory, title="Klub Sportowy Orlik", slug="orlik", krs=valid_krs(4321), city="Czerwionka"
    )
    junior = NGOProfilePageFactory(
        parent=directory, title="Klub Sportowy Orlik Junior", slug="orlik-junior", city="Leszczyny"
    )
    seniors = NGOProfilePageFactory(
        parent=directory,
        title="Stowarzyszenie Seniorów „Złota Jesień”",
        slug="zlota-jesien",
        short_name="Złota Jesień",
    )
    draft = NGOProfilePageFactory(parent=directory, title="Fundacja Szkicowa", slug="szkic", live=False)
    private = NGOProfilePageFactory(parent=directory, title="Fundacja Prywatna", slug="prywatna")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {
        "kgw": kgw,
        "orlik": orlik,
        "junior": junior,
        "seniors": seniors,
        "draft": draft,
        "private": private,
    }


def error_of(text, chosen_id=""):
    with pytest.raises(ValidationError) as caught:
        resolve_organisation(text, chosen_id)
    return caught.value


# Resolution (the form without JavaScript, and the check of the combobox's choice) -------------------


def test_one_match_by_the_start_of_the_words_without_polish_letters(organisations):
    assert resolve_organisation("kolo gospodyn") == organisations["kgw"]
    assert resolve_organisation("  KOŁO Gosp ") == organisations["kgw"]
    assert resolve_organisation("zlota jesi") == organisations["seniors"]


def test_one_match_by_krs_typed_with_spaces_or_dashes(organisations):
    krs = organisations["orlik"].krs
    assert resolve_organisation(krs) == organisations["orlik"]
    assert resolve_organisation(f"{krs[:4]} {krs[4:7]}-{krs[7:]}") == organisations["orlik"]


def test_no_match_explains_what_to_do(organisations):
    error = error_of("Towarzystwo Nieznane")
    assert error.code == "not_found"
    message = error.messages[0]
    assert "„Towarzystwo Nieznane”" in message and "Mieszkaniec lub grupa nieformalna" in message
    assert error_of("0000000001").code == "not_found"


def test_several_matches_list_the_candidates_with_what_tells_them_apart(organisations):
    error = error_of("klub sport")
    assert error.code == "ambiguous"
    message = error.messages[0]
    orlik, junior = organisations["orlik"], organisations["junior"]
    assert f"Klub Sportowy Orlik (KRS {orlik.krs}, Czerwionka)" in message
    assert f"Klub Sportowy Orlik Junior (KRS {junior.krs}, Leszczyny)" in message
    assert "Wpisz pełną nazwę albo numer KRS" in message


def test_a_full_name_wins_over_longer_names_that_contain_it(organisations):
    assert resolve_organisation("Klub Sportowy Orlik") == organisations["orlik"]
    assert resolve_organisation("klub sportowy orlik junior") == organisations["junior"]


def test_more_than_ten_matches_say_so(directory):
    for n in range(12):
        NGOProfilePageFactory(parent=directory, title=f"Fundacja Pomocna {n:02d}", slug=f"pomocna-{n}")
    message = error_of("fundacja pom").messages[0]
    assert message.startswith("Tej nazwie odpowiada więcej niż 10 organizacji")
    assert "Fundacja Pomocna 09" in message and "Fundacja Pomocna 10" not in message


def test_unpublished_and_private_organisations_cannot_be_found_or_chosen(organisations):
    assert error_of("Fundacja Szkicowa").code == "not_found"
    assert error_of("Fundacja Prywatna").code == "not_found"
    for hidden in (organisations["draft"], organisations["private"]):
        assert error_of(hidden.title, str(hidden.pk)).code == "unknown_organisation"


@pytest.mark.parametrize("tampered", ["abc", "-1", "1.5", "0", "99999999", "9" * 30, "١٢"])
def test_a_tampered_id_is_a_polish_error_never_a_crash(organisations, tampered):
    error = error_of("Klub Sportowy Orlik", tampered)
    assert error.code == "unknown_organisation"
    assert "Wybranej organizacji nie ma w bazie organizacji" in error.messages[0]


def test_the_chosen_id_counts_only_while_the_text_still_names_it(organisations):
    orlik, kgw = organisations["orlik"], organisations["kgw"]
    assert resolve_organisation("Klub Sportowy Orlik", str(orlik.pk)) == orlik
    assert resolve_organisation("", str(orlik.pk)) == orlik
    # The visitor chose Orlik, then (without JavaScript) typed another organisation: the text decides.
    assert resolve_organisation("kolo gospodyn", str(orlik.pk)) == kgw


def test_nothing_typed_asks_for_a_name_or_krs(organisations):
    assert error_of("   ").code == "required"


# The suggestions endpoint ------------------------------------------------------------------------


def test_suggestions_are_published_organisations_with_what_tells_them_apart(client, organisations):
    response = client.get(SUGGEST_URL, {"q": "klub spo"})
    assert response.status_code == 200
    orlik = organisations["orlik"]
    data = response.json()
    assert data["more"] is False
    assert [item["title"] for item in data["items"]] == ["Klub Sportowy Orlik", "Klub Sportowy Orlik Junior"]
    assert data["items"][0] == {
        "id": orlik.pk,
        "title": "Klub Sportowy Orlik",
        "short_name": "",
        "krs": orlik.krs,
        "details": f"KRS {orlik.krs}, Czerwionka",
    }
    assert [i["title"] for i in client.get(SUGGEST_URL, {"q": "fundacja"}).json()["items"]] == []
    assert [i["title"] for i in client.get(SUGGEST_URL, {"q": orlik.krs[:8]}).json()["items"]] == [
        "Klub Sportowy Orlik"
    ]
    assert client.get(SUGGEST_URL, {"q": "„!?"}).json() == {"items": [], "more": False}
    assert "max-age=60" in response["Cache-Control"] and "public" in response["Cache-Control"]


def test_suggestions_stop_at_ten_and_say_there_are_more(client, directory):
    for n in range(11):
        NGOProfilePageFactory(parent=directory, title=f"Uczniowski Klub {n:02d}", slug=f"uks-{n}")
    data = client.get(SUGGEST_URL, {"q": "uczniowski"}).json()
    assert len(data["items"]) == 10 and data["more"] is True
    assert data["items"][0]["title"] == "Uczniowski Klub 00"


def index_bulk(count):
    organisations = NGOProfilePage.objects.filter(slug__in=[f"organizacja-masowa-{n}" for n in range(count)])
    get_search_backend().add_bulk(NGOProfilePage, list(organisations))


def test_suggestions_cost_the_same_queries_at_20_and_2000_organisations(
    client, directory, django_assert_max_num_queries
):
    bulk_organisations(directory, 20)
    index_bulk(20)
    queries = ["organizacja masowa", "organizacja masowa 1", "000001"]  # the bulk KRS numbers start so
    client.get(SUGGEST_URL, {"q": "rozgrzewka"})  # per-process caches (content types)

    def counts():
        result = []
        for q in queries:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(SUGGEST_URL, {"q": q})
            assert response.status_code == 200
            result.append((len(captured), len(response.json()["items"])))
        return result

    small = counts()
    bulk_organisations(directory, 1980, start=20)  # not indexed: the first 20 already fill the suggestions
    large = counts()
    assert [queries for queries, _items in small] == [queries for queries, _items in large]
    assert [items for _queries, items in large] == [10, 10, 10]
    with django_assert_max_num_queries(SUGGEST_QUERY_BUDGET):
        client.get(SUGGEST_URL, {"q": "organizacja masowa 19"})


@override_settings(COP_SUGGEST_RATE="3/m")
def test_suggestions_are_rate_limited_per_address(client, organisations):
    from django.core.cache import cache

    cache.clear()
    statuses = [client.get(SUGGEST_URL, {"q": "klub"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "Spróbuj ponownie za chwilę" in client.get(SUGGEST_URL, {"q": "klub"}).json()["detail"]
    cache.clear()


def test_search_organisations_ignores_overlong_input(organisations):
    assert search_organisations("ż" * 50_000) == []
