"""Page tree rules, rendering and metadata of the foundation's page types."""

import json
import re

import pytest
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from home.factories import (
    AccessibilityStatementPageFactory,
    ContactFormFieldFactory,
    ContactFormPageFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    heading,
    paragraph,
)
from home.models import (
    AccessibilityStatementPage,
    ContactFormPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)


class PageTreeRulesTests(WagtailPageTestCase):
    """Where each page type may be created (assertCanCreateAt / assertCanNotCreateAt)."""

    def test_home_page_only_under_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_news_pages_only_in_news_index(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_content_pages_under_home(self):
        for page_type in (StandardPage, NewsIndexPage, ContactFormPage, AccessibilityStatementPage):
            self.assertCanCreateAt(HomePage, page_type)
        self.assertCanCreateAt(StandardPage, StandardPage)

    def test_singletons(self):
        assert HomePage.max_count == 1
        assert AccessibilityStatementPage.max_count == 1

    def test_standard_page_created_through_admin_with_real_blocks(self):
        home = HomePageFactory(parent=Page.get_first_root_node())
        self.login()
        self.assertCanCreate(
            home,
            StandardPage,
            {
                "title": "O projekcie",
                "slug": "o-projekcie",
                "intro": "Wstęp",
                "body-count": "2",
                "body-0-type": "heading",
                "body-0-deleted": "",
                "body-0-order": "0",
                "body-0-value-text": "Cele projektu",
                "body-0-value-level": "h2",
                "body-1-type": "paragraph",
                "body-1-deleted": "",
                "body-1-order": "1",
                "body-1-value": json.dumps(
                    {
                        "blocks": [
                            {
                                "key": "a",
                                "text": "Diagnoza współpracy",
                                "type": "unstyled",
                                "depth": 0,
                                "inlineStyleRanges": [],
                                "entityRanges": [],
                            }
                        ],
                        "entityMap": {},
                    }
                ),
            },
        )
        created = StandardPage.objects.get(slug="o-projekcie")
        assert [block.block_type for block in created.body] == ["heading", "paragraph"]
        assert created.body[0].value["text"] == "Cele projektu"
        assert "Diagnoza współpracy" in created.body[1].value.source


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page, per_page=2)


@pytest.mark.django_db
class TestRendering:
    def test_every_page_type_renders(self, client, home_page, news_index):
        news = NewsPageFactory(parent=news_index, title="Spotkanie integracyjne")
        standard = StandardPageFactory(
            parent=home_page, title="O Centrum", body=[heading("Zadania"), paragraph("<p>Doradztwo</p>")]
        )
        statement = AccessibilityStatementPageFactory(parent=home_page)
        contact = ContactFormPageFactory(parent=home_page)
        ContactFormFieldFactory(page=contact, label="Imię", field_type="singleline")
        for page in (home_page, news_index, news, standard, statement, contact):
            response = client.get(page.url)
            assert response.status_code == 200, page
            assert "<h1" in response.content.decode()
        assert "Doradztwo" in client.get(standard.url).content.decode()
        assert "Spotkanie integracyjne" in client.get(news_index.url).content.decode()

    def test_base_layout_is_polish_and_accessible(self, client, home_page):
        html = client.get("/").content.decode()
        assert '<html lang="pl"' in html
        assert 'href="#tresc"' in html and 'id="tresc"' in html
        assert "<header" in html and "<main" in html and "<footer" in html
        assert re.search(r'<link rel="stylesheet" href="/static/css/site.css"', html)
        # Nothing from another host: no absolute src/href to http(s) in the rendered assets.
        assert not re.search(r'<(script|img|iframe)[^>]+src="https?://', html)
        assert not re.search(r'<link[^>]+rel="(stylesheet|icon|preload)"[^>]+href="https?://', html)

    def test_news_index_paginates_newest_first(self, client, news_index):
        for n in range(5):
            NewsPageFactory(parent=news_index, title=f"Wiadomość {n}")
        first = client.get(news_index.url).content.decode()
        assert "Wiadomość 0" in first and "Wiadomość 1" in first and "Wiadomość 2" not in first
        assert "Strona 1 z 3" in first
        last = client.get(news_index.url + "?strona=3").content.decode()
        assert "Wiadomość 4" in last
        assert client.get(news_index.url + "?strona=abc").status_code == 200
        assert client.get(news_index.url + "?strona=999").status_code == 200

    def test_drafts_and_private_news_are_not_listed(self, client, home_page, news_index):
        NewsPageFactory(parent=news_index, title="Opublikowana")
        NewsPageFactory(parent=news_index, title="Szkic", live=False)
        private = NewsPageFactory(parent=news_index, title="Tylko dla zalogowanych")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        for url in (news_index.url, "/"):
            html = client.get(url).content.decode()
            assert "Opublikowana" in html
            assert "Szkic" not in html
            assert "Tylko dla zalogowanych" not in html

    def test_open_graph_and_schema_org(self, client, news_index):
        news = NewsPageFactory(parent=news_index, title="Dzień Wolontariusza", intro="Zapraszamy wszystkich.")
        html = client.get(news.url).content.decode()
        assert '<meta property="og:title" content="Dzień Wolontariusza">' in html
        assert '<meta property="og:type" content="article">' in html
        assert '<meta name="description" content="Zapraszamy wszystkich.">' in html
        assert f'<link rel="canonical" href="http://testserver{news.url}">' in html
        data = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        )
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "Dzień Wolontariusza"
        assert data["datePublished"] == news.date.isoformat()
        assert data["publisher"]["name"] == data["author"]["name"] == "Centrum Organizacji Pozarządowych"
        assert "image" not in data and "og:image" not in html
        assert f'<meta property="article:published_time" content="{news.date.isoformat()}">' in html

    def test_shared_image_in_open_graph_and_schema_org(self, client, news_index):
        from wagtail.images import get_image_model
        from wagtail.images.tests.utils import get_test_image_file

        image = get_image_model().objects.create(
            title="Wolontariusze w Centrum", file=get_test_image_file(size=(1400, 800))
        )
        news = NewsPageFactory(parent=news_index, title="Dzień Wolontariusza", listing_image=image)
        html = client.get(news.url).content.decode()
        og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
        assert og_image.startswith("http://testserver/") and "fill-1200x630" in og_image
        assert '<meta property="og:image:alt" content="Wolontariusze w Centrum">' in html
        data = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        )
        assert data["image"] == og_image

    def test_json_ld_cannot_break_out_of_script(self, client, home_page):
        page = StandardPageFactory(parent=home_page, title="</script><script>alert(1)</script>")
        html = client.get(page.url).content.decode()
        assert "<script>alert(1)" not in html

    def test_home_page_query_budget_does_not_grow_with_news(
        self, client, news_index, django_assert_max_num_queries
    ):
        NewsPageFactory.create_batch(3, parent=news_index)
        client.get("/")  # warm caches (site root paths)
        # Site, home page, view restrictions (once for every section), both settings (one query), layout
        # pages, the sections of the other apps, news with their images, the news index, partners.
        with django_assert_max_num_queries(10):
            small = client.get("/")
        NewsPageFactory.create_batch(30, parent=news_index)
        with django_assert_max_num_queries(10):
            big = client.get("/")
        assert small.status_code == big.status_code == 200

    def test_news_index_query_budget(self, client, news_index, django_assert_max_num_queries):
        NewsPageFactory.create_batch(25, parent=news_index)
        client.get(news_index.url)
        with django_assert_max_num_queries(9):  # was 17 before restrictions and settings were shared
            assert client.get(news_index.url).status_code == 200


@pytest.mark.django_db
class TestSiteFurniture:
    def test_404_page_is_polish_with_layout(self, client, home_page):
        response = client.get("/nie-ma-takiej-strony/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "Nie znaleziono strony" in html and 'lang="pl"' in html

    def test_500_template_renders_without_context(self):
        from django.template.loader import get_template

        html = get_template("500.html").render({})
        assert "wystąpił błąd" in html and 'lang="pl"' in html

    @override_settings(DEBUG=False)
    def test_server_error_returns_polish_500(self, home_page):
        from django.test import Client

        client = Client(raise_request_exception=False)
        from unittest import mock

        with mock.patch("home.models.HomePage.get_context", side_effect=RuntimeError("boom")):
            response = client.get("/")
        assert response.status_code == 500
        assert "wystąpił błąd" in response.content.decode()

    def test_robots_and_sitemap(self, client, home_page, news_index):
        news = NewsPageFactory(parent=news_index)
        NewsPageFactory(parent=news_index, slug="szkic", live=False)
        robots = client.get("/robots.txt").content.decode()
        assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
        sitemap = client.get("/sitemap-home.xml").content.decode()  # the index: tests/home/test_sitemap.py
        assert f"http://testserver{news.url}" in sitemap
        assert "/szkic/" not in sitemap

    def test_menus_and_settings_from_the_admin_side(self, client, home_page):
        from home.models import NavigationSettings, SiteSettings

        about = StandardPageFactory(parent=home_page, title="O Centrum", slug="o-centrum")
        statement = AccessibilityStatementPageFactory(parent=home_page)
        navigation = NavigationSettings.for_site(home_page.get_site())
        navigation.main_menu = [
            {"type": "item", "value": {"label": "", "page": about.pk, "url": ""}},
            {"type": "item", "value": {"label": "Gmina", "page": None, "url": "https://example.org/"}},
        ]
        navigation.footer_menu = [
            {"type": "item", "value": {"label": "Deklaracja", "page": statement.pk, "url": ""}}
        ]
        navigation.save()
        info = SiteSettings.for_site(home_page.get_site())
        info.phone = "32 431 00 00"
        info.accessibility_statement = statement
        info.opening_hours = [
            {"type": "hours", "value": {"days": "poniedziałek–piątek", "hours": "9:00–17:00"}}
        ]
        info.save()
        html = client.get(about.url).content.decode()
        assert '<a href="/o-centrum/" aria-current="page">O Centrum</a>' in html
        assert '<a href="https://example.org/">Gmina</a>' in html
        assert "ul. 3-go Maja 19" in html and "32 431 00 00" in html and "9:00–17:00" in html
        assert f'<a href="{statement.url}">Deklaracja dostępności</a>' in html
        home_html = client.get("/").content.decode()
        data = [
            json.loads(m)
            for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', home_html, re.S)
        ]
        assert any(d.get("@type") == "WebSite" for d in data)

    def test_layout_pages_cost_one_query_however_long_the_menus(self, client, home_page):
        """Menus, footer statement link and breadcrumbs: one query together, not one per page."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from home.models import NavigationSettings, SiteSettings

        section = StandardPageFactory(parent=home_page, title="O Centrum", slug="o-centrum")
        deep = StandardPageFactory(parent=section, title="Zespół", slug="zespol")
        statement = AccessibilityStatementPageFactory(parent=home_page)
        hidden = StandardPageFactory(parent=home_page, title="Szkic w menu", slug="szkic-menu", live=False)
        info = SiteSettings.for_site(home_page.get_site())
        info.accessibility_statement = statement
        info.save()
        navigation = NavigationSettings.for_site(home_page.get_site())

        def item(page):
            return {"type": "item", "value": {"label": "", "page": page.pk, "url": ""}}

        def queries_for(menu_pages):
            navigation.main_menu = [item(page) for page in menu_pages]
            navigation.footer_menu = [item(page) for page in reversed(menu_pages)]
            navigation.save()
            client.get(deep.url)  # warm the site root paths
            with CaptureQueriesContext(connection) as queries:
                response = client.get(deep.url)
            return len(queries), response.content.decode()

        short, _html = queries_for([section])
        extra = [
            StandardPageFactory(parent=home_page, title=f"Strona {n}", slug=f"strona-{n}") for n in range(8)
        ]
        long, html = queries_for([section, hidden, *extra])

        assert long == short
        assert '<a href="/o-centrum/" aria-current="page">O Centrum</a>' in html  # active section
        assert html.count('href="/strona-7/"') == 2  # main and footer menu
        assert "Szkic w menu" not in html  # unpublished menu pages are left out
        assert f'<a href="{statement.url}">Deklaracja dostępności</a>' in html
        breadcrumbs = html[
            html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))
        ]
        assert (
            '<a href="/">Strona główna</a>' in breadcrumbs
            and '<a href="/o-centrum/">O Centrum</a>' in breadcrumbs
        )
        assert '<span aria-current="page">Zespół</span>' in breadcrumbs
        # Site, the route to the page (two per level), view restrictions, both settings, the layout pages.
        assert long <= 11

    def test_view_restrictions_of_ancestors_and_aliases_in_one_query(
        self, client, home_page, django_assert_num_queries
    ):
        private = StandardPageFactory(parent=home_page, title="Dla członków", slug="dla-czlonkow")
        inside = StandardPageFactory(parent=private, title="Protokół", slug="protokol")
        public = StandardPageFactory(parent=home_page, title="Otwarta", slug="otwarta")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        alias = private.create_alias(parent=public, update_slug="czlonkowie-alias").specific

        with django_assert_num_queries(1):
            assert [r.page_id for r in inside.get_view_restrictions()] == [private.pk]
        assert [r.page_id for r in alias.get_view_restrictions()] == [private.pk]  # through its source
        assert not public.get_view_restrictions().exists()
        for page in (home_page, private, inside, public, alias):  # the same answer as Wagtail's own
            assert set(page.get_view_restrictions()) == set(Page.get_view_restrictions(page)), page
        assert client.get(inside.url).status_code == 302  # to the login page
        assert client.get(alias.url).status_code == 302
        assert client.get(public.url).status_code == 200

    def test_staff_can_edit_settings_and_menus(self, staff_client, home_page):
        from home.models import NavigationSettings, SiteSettings

        site = home_page.get_site()
        for model in (SiteSettings, NavigationSettings):
            url = f"/admin/settings/home/{model._meta.model_name}/{site.pk}/"
            assert staff_client.get(url).status_code == 200, url
