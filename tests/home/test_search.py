import pytest
from wagtail.models import PageViewRestriction

from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from home.search import fold_diacritics


@pytest.mark.django_db
class TestSearch:
    def test_finds_live_public_pages_only(self, client, home_page):
        StandardPageFactory(parent=home_page, title="Centrum Wolontariatu", intro="Gminna baza wolontariuszy")
        StandardPageFactory(parent=home_page, title="Wolontariat szkic", live=False)
        private = StandardPageFactory(parent=home_page, title="Wolontariat prywatny")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        html = client.get("/szukaj/", {"q": "wolontariuszy"}).content.decode()
        assert "Centrum Wolontariatu" in html
        html = client.get("/szukaj/", {"q": "wolontariat"}).content.decode()
        assert "szkic" not in html and "prywatny" not in html

    def test_empty_and_odd_queries(self, client, home_page):
        assert client.get("/szukaj/").status_code == 200
        assert client.get("/szukaj/", {"q": "zzzz-nic"}).content.decode().count("Brak wyników") == 1
        assert client.get("/szukaj/", {"q": '"(AND OR*'}).status_code == 200
        assert client.get("/szukaj/", {"q": "x" * 5000}).status_code == 200
        assert client.get("/szukaj/", {"q": "centrum", "strona": "99"}).status_code == 200

    def test_query_budget(self, cold_get, home_page):
        # One page type, so that both results pages need the same one query for their specific rows
        # (there is one per page type shown, whichever the search ranks first).
        index = NewsIndexPageFactory(parent=home_page)
        for n in range(3):
            NewsPageFactory(parent=index, title=f"Spotkanie integracyjne {n}")
        response, few = cold_get("/szukaj/?q=spotkanie")
        assert "Znaleziono: 3" in response.content.decode()
        for n in range(3, 25):
            NewsPageFactory(parent=index, title=f"Spotkanie integracyjne {n}")
        response, many = cold_get("/szukaj/?q=spotkanie")
        assert "Znaleziono: 25" in response.content.decode()
        # Site, count, results, their types, their specific rows, the layout (was 20).
        assert len(few) == len(many) <= 8


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_full_text_search_handles_polish_words(client, home_page):
    """PostgreSQL has no "polish" text-search configuration; the "simple" one must exist and match
    Polish words with diacritics, in any letter case, through the site search."""
    from django.conf import settings
    from django.db import connection

    config = settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [config])
        assert cursor.fetchone() == (1,)
    StandardPageFactory(
        parent=home_page, title="Źródła finansowania", intro="Dotacje dla organizacji pożytku"
    )
    StandardPageFactory(parent=home_page, title="Sale", intro="Rezerwacja sal")
    html = client.get("/szukaj/", {"q": "ŹRÓDŁA pożytku"}).content.decode()
    assert "Źródła finansowania" in html and "Rezerwacja sal" not in html


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Koło Gospodyń Wiejskich", "Kolo Gospodyn Wiejskich"),
        ("ŁÓDŹ żółć gęślą jaźń", "LODZ zolc gesla jazn"),
        ("Pomoc społeczna", "Pomoc spoleczna"),
        ("bez zmian 123", "bez zmian 123"),
    ],
)
def test_fold_diacritics_strips_every_polish_letter(text, folded):
    assert fold_diacritics(text) == folded
