"""The directory page: filters in the query string, search, pagination, map data, constant query count."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ngo_directory.factories import NGOProfilePageFactory
from tests.ngo_directory.conftest import bulk_organisations

pytestmark = pytest.mark.django_db

# Queries for one directory page, whatever the number of organisations (pinned from 10 to 5,000).
# Was 14 before view restrictions and settings were shared per request, 11 before the site query.
DIRECTORY_QUERY_BUDGET = (
    9  # +1 since the page's keys are read before its rows (ngo_directory/models/pages.py)
)


def titles(response):
    return re.findall(r'class="ngo-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def organisations(directory, areas):
    sport = NGOProfilePageFactory(
        parent=directory,
        title="Uczniowski Klub Sportowy Orlik",
        slug="orlik",
        district="leszczyny",
        is_opp=True,
    )
    sport.areas.add(areas["sport"])
    sport.save_revision().publish()
    kgw = NGOProfilePageFactory(
        parent=directory,
        title="Koło Gospodyń Wiejskich w Palowicach",
        slug="kgw-palowice",
        legal_form="kgw",
        krs="",
        district="palowice",
        beneficiaries="seniorzy i rodziny",
    )
    kgw.areas.add(areas["kultura"])
    kgw.save_revision().publish()
    fundacja = NGOProfilePageFactory(
        parent=directory,
        title="Fundacja Pomocy Seniorom",
        slug="seniorzy",
        legal_form="fundacja",
        district="czerwionka",
    )
    fundacja.areas.add(areas["seniorzy"])
    fundacja.save_revision().publish()
    NGOProfilePageFactory(parent=directory, title="Szkic Organizacji", slug="szkic", live=False)
    return sport, kgw, fundacja


class TestFilters:
    def test_lists_only_published_organisations_alphabetically(self, client, directory, organisations):
        response = client.get(directory.url)
        assert titles(response) == [
            "Fundacja Pomocy Seniorom",
            "Koło Gospodyń Wiejskich w Palowicach",
            "Uczniowski Klub Sportowy Orlik",
        ]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("obszar=sport", ["Uczniowski Klub Sportowy Orlik"]),
            ("dzielnica=palowice", ["Koło Gospodyń Wiejskich w Palowicach"]),
            ("forma=fundacja", ["Fundacja Pomocy Seniorom"]),
            ("opp=on", ["Uczniowski Klub Sportowy Orlik"]),
            ("obszar=kultura&dzielnica=palowice", ["Koło Gospodyń Wiejskich w Palowicach"]),
            ("obszar=sport&dzielnica=palowice", []),
            # an unknown value of one filter does not throw away the others
            ("obszar=nie-ma-takiego&forma=fundacja", ["Fundacja Pomocy Seniorom"]),
        ],
    )
    def test_filters_from_the_query_string(self, client, directory, organisations, query, expected):
        response = client.get(f"{directory.url}?{query}")
        assert response.status_code == 200
        assert titles(response) == expected

    def test_full_text_search_with_hostile_input(self, client, directory, organisations):
        assert titles(client.get(directory.url, {"q": "seniorom"})) == ["Fundacja Pomocy Seniorom"]
        assert titles(client.get(directory.url, {"q": "Orlik"})) == ["Uczniowski Klub Sportowy Orlik"]
        for hostile in ['"', "AND OR NOT (", "*", "x" * 500]:
            assert client.get(directory.url, {"q": hostile}).status_code == 200
        assert titles(client.get(directory.url, {"q": "Szkic"})) == []

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            # typed without Polish letters: "ł" has no decomposed form, "ń" has
            ("kolo gospodyn", ["Koło Gospodyń Wiejskich w Palowicach"]),
            ("pomoc spoleczna", ["Pomoc Społeczna Łączy Nas"]),
            ("LACZY", ["Pomoc Społeczna Łączy Nas"]),
            ("niepelnosprawnosciami", ["Pomoc Społeczna Łączy Nas"]),
            # the description (a StreamField) is folded too: every factory profile has this paragraph
            ("dzialamy mieszkancow", None),
            # typed with them, or mixed
            ("koło gospodyń", ["Koło Gospodyń Wiejskich w Palowicach"]),
            ("Pomoc społeczna", ["Pomoc Społeczna Łączy Nas"]),
            ("spoleczna łączy", ["Pomoc Społeczna Łączy Nas"]),
            # no false positives: other words stay other words, every word must match
            ("pomoc", ["Pomoc Społeczna Łączy Nas"]),
            ("kolo sportowy", []),
            ("spoleczny", []),
            ("lacz", []),
        ],
    )
    def test_search_ignores_polish_letters(self, client, directory, organisations, areas, query, expected):
        social = NGOProfilePageFactory(
            parent=directory,
            title="Pomoc Społeczna Łączy Nas",
            slug="laczy-nas",
            beneficiaries="dzieci z niepełnosprawnościami",
        )
        social.save_revision().publish()
        if expected is None:
            expected = sorted([social.title, *(page.title for page in organisations)])
        assert titles(client.get(directory.url, {"q": query})) == expected

    def test_form_keeps_values_and_every_field_has_a_label(self, client, directory, organisations):
        html = client.get(directory.url, {"dzielnica": "palowice", "q": "koło"}).content.decode()
        assert '<option value="palowice" selected>' in html
        assert 'value="koło"' in html
        for name in ("q", "obszar", "dzielnica", "forma", "opp"):
            assert f'<label for="id_{name}">' in html
        assert "<fieldset" in html and "<legend>" in html

    def test_map_data_lists_filtered_organisations_with_coordinates(self, client, directory, organisations):
        from decimal import Decimal

        sport, kgw, _ = organisations
        for page, lat in ((sport, "50.151"), (kgw, "50.102")):
            page.latitude, page.longitude = Decimal(lat), Decimal("18.650")
            page.save_revision().publish()
        html = client.get(directory.url, {"obszar": "sport"}).content.decode()
        data = json.loads(
            re.search(r'<script id="ngo-map-data" type="application/json">(.*?)</script>', html, re.S)[1]
        )
        assert data == [
            {"title": sport.title, "url": sport.url, "lat": 50.151, "lng": 18.65, "address": sport.street}
        ]
        # the map is hidden until the script runs; the list is complete without it
        assert re.search(r"<section class=\"ngo-map\"[^>]*hidden", html)
        assert (
            "/static/vendor/leaflet/leaflet.js" in html and "unpkg" not in html and "cdn" not in html.lower()
        )

    def test_map_shows_only_the_organisations_listed_on_this_page(self, client, directory, areas):
        """5,000 matches must not put 5,000 markers into one page: the map follows the listing's page."""
        directory.show_map = True
        directory.save_revision().publish()
        bulk_organisations(directory, 45, areas=[areas["sport"]])

        def markers(response):
            html = response.content.decode()
            script = re.search(
                r'<script id="ngo-map-data" type="application/json">(.*?)</script>', html, re.S
            )
            return [marker["title"] for marker in json.loads(script[1])]

        first = client.get(directory.url, {"obszar": "sport"})
        assert markers(first) == titles(first) and len(markers(first)) == 20
        third = client.get(directory.url, {"obszar": "sport", "strona": 3})
        assert markers(third) == titles(third) and len(markers(third)) == 5


class TestPaginationAndQueryBudget:
    def test_pages_of_twenty_with_filters_kept_in_links(self, client, directory, areas):
        bulk_organisations(directory, 45, areas=[areas["sport"]])
        first = client.get(directory.url, {"obszar": "sport"})
        assert len(titles(first)) == 20
        html = first.content.decode()
        assert "obszar=sport&amp;strona=2" in html or "strona=2&amp;obszar=sport" in html
        third = client.get(directory.url, {"obszar": "sport", "strona": 3})
        assert len(titles(third)) == 5
        assert titles(client.get(directory.url, {"strona": "abc"})) == titles(first)
        assert titles(client.get(directory.url, {"strona": 999})) == titles(third)

    def _queries(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    def test_constant_query_count_from_10_to_5000(
        self, client, directory, areas, django_assert_max_num_queries
    ):
        bulk_organisations(directory, 10, areas=[areas["sport"]])
        urls = [
            directory.url,
            f"{directory.url}?obszar=sport&dzielnica=czerwionka",
            f"{directory.url}?q=klub&opp=on",
        ]
        client.get(directory.url)  # warm the per-process caches (site root paths, settings)
        small = [self._queries(client, url) for url in urls]
        bulk_organisations(directory, 4990, areas=[areas["sport"]], start=10)
        large = [self._queries(client, url) for url in urls]
        assert small == large
        with django_assert_max_num_queries(DIRECTORY_QUERY_BUDGET):
            response = client.get(f"{directory.url}?strona=100")
        assert len(titles(response)) == 20

    def test_search_runs_inside_the_listing_query(self, client, directory, organisations):
        """The full-text search is a subquery of the listing, not a separate query whose matches
        (tens of thousands at 100,000 organisations) are loaded first."""
        client.get(directory.url)
        filtered = self._queries(client, f"{directory.url}?dzielnica=palowice")
        searched = self._queries(client, f"{directory.url}?q=seniorom")
        assert searched == filtered
        assert titles(client.get(directory.url, {"q": "seniorom"})) == ["Fundacja Pomocy Seniorom"]


def test_an_organisation_is_found_by_an_area_chosen_after_its_first_publication(client, directory):
    """Areas are written after the page row (and after the search index used to be written): an area
    chosen in a later revision, or set in code before a save, is searchable by its name at once."""
    from ngo_directory.models import AreaOfActivity, NGOProfilePage

    area = AreaOfActivity.objects.create(name="Ratownictwo wodne", slug="ratownictwo-wodne")
    edited = NGOProfilePageFactory(parent=directory, title="Klub Płetwa", slug="pletwa")
    edited = NGOProfilePage.objects.get(pk=edited.pk)
    edited.areas = [area]
    edited.save_revision().publish()
    in_code = NGOProfilePageFactory(parent=directory, title="Klub Fala", slug="fala")
    in_code.areas.set([area])
    in_code.save()
    NGOProfilePageFactory(parent=directory, title="Klub Brzeg", slug="brzeg")

    assert titles(client.get(directory.url, {"q": "ratownictwo"})) == ["Klub Fala", "Klub Płetwa"]
    assert titles(client.get(directory.url, {"q": "wodne"})) == ["Klub Fala", "Klub Płetwa"]
