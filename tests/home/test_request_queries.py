"""Per-request sharing of page-independent queries: view restrictions, settings, routing levels."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from home.models import NavigationSettings, SiteSettings, StandardPage
from home.restrictions import RequestRestrictionsMiddleware


def _restriction_queries(queries):
    """Queries reading view restrictions (not the site query, which only asks whether any exists)."""
    return [q for q in queries if q["sql"].startswith('SELECT "wagtailcore_pageviewrestriction"')]


@pytest.mark.django_db
class TestViewRestrictionsOncePerRequest:
    def test_home_page_reads_restrictions_once_for_all_sections_and_hides_private_news(
        self, client, home_page
    ):
        public_index = NewsIndexPageFactory(parent=home_page, title="Aktualności", slug="aktualnosci")
        private_index = NewsIndexPageFactory(parent=home_page, title="Dla zarządu", slug="zarzad")
        NewsPageFactory(parent=public_index, title="Otwarty nabór wniosków")
        NewsPageFactory(parent=private_index, title="Protokół z posiedzenia zarządu")
        PageViewRestriction.objects.create(page=private_index, restriction_type=PageViewRestriction.LOGIN)

        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/").content.decode()
        assert "Otwarty nabór wniosków" in html
        assert "Protokół z posiedzenia zarządu" not in html
        # The list once for every section's ``.public()``, and the home page's own check.
        assert len(_restriction_queries(captured.captured_queries)) == 2
        assert client.get(private_index.url).status_code == 302  # still private: to the login page

    def test_restriction_added_during_a_request_is_seen_at_once(self, home_page):
        section = StandardPageFactory(parent=home_page, title="Sekcja", slug="sekcja")
        seen = []

        def view(request):
            seen.append(set(_public_standard_pages().values_list("pk", flat=True)))
            PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
            seen.append(set(_public_standard_pages().values_list("pk", flat=True)))
            return HttpResponse("ok")

        RequestRestrictionsMiddleware(view)(RequestFactory().get("/"))
        assert section.pk in seen[0]
        assert section.pk not in seen[1]

    def test_post_requests_and_code_outside_requests_ask_each_time(self, home_page):
        StandardPageFactory(parent=home_page, title="Sekcja", slug="sekcja")
        with CaptureQueriesContext(connection) as outside:
            list(_public_standard_pages())
            list(_public_standard_pages())
        assert len(_restriction_queries(outside.captured_queries)) == 2

        def view(request):
            list(_public_standard_pages())
            list(_public_standard_pages())
            return HttpResponse("ok")

        with CaptureQueriesContext(connection) as posted:
            RequestRestrictionsMiddleware(view)(RequestFactory().post("/"))
        assert len(_restriction_queries(posted.captured_queries)) == 2


def _public_standard_pages():
    return StandardPage.objects.live().public()


@pytest.mark.django_db
class TestLayoutSettingsInOneQuery:
    def test_both_settings_in_one_query_with_the_saved_values(self, home_page, django_assert_num_queries):
        site = home_page.get_site()
        SiteSettings.objects.update_or_create(site=site, defaults={"organisation_name": "COP Czerwionka"})
        navigation, _ = NavigationSettings.objects.get_or_create(site=site)
        navigation.main_menu = [("item", {"page": home_page, "label": "Start", "url": ""})]
        navigation.save()
        request = RequestFactory().get("/", HTTP_HOST=site.hostname)
        request._wagtail_site = site  # the site itself is looked up once per request anyway

        with django_assert_num_queries(1):
            site_info = SiteSettings.for_request(request)
            menus = NavigationSettings.for_request(request)
            assert NavigationSettings.for_request(request) is menus
        assert site_info.organisation_name == "COP Czerwionka"
        assert menus.pk == navigation.pk
        assert list(menus.main_menu.raw_data) == list(
            NavigationSettings.objects.get(pk=navigation.pk).main_menu.raw_data
        )
        assert [block.value["label"] for block in menus.main_menu] == ["Start"]

    def test_missing_rows_are_created_as_before(self, home_page):
        site = home_page.get_site()
        SiteSettings.objects.filter(site=site).delete()
        NavigationSettings.objects.filter(site=site).delete()
        request = RequestFactory().get("/", HTTP_HOST=site.hostname)

        menus = NavigationSettings.for_request(request)
        site_info = SiteSettings.for_request(request)
        assert menus.pk and site_info.pk
        assert NavigationSettings.objects.filter(site=site).count() == 1
        assert SiteSettings.objects.filter(site=site).count() == 1


@pytest.mark.django_db
class TestRouting:
    def test_deep_page_routes_to_its_specific_page_and_404s_as_before(self, client, home_page):
        about = StandardPageFactory(parent=home_page, title="O Centrum", slug="o-centrum")
        team = StandardPageFactory(parent=about, title="Zespół", slug="zespol")
        person = StandardPageFactory(parent=team, title="Koordynatorka", slug="koordynatorka")
        draft = StandardPageFactory(parent=team, title="Szkic", slug="szkic", live=False)

        response = client.get("/o-centrum/zespol/koordynatorka/")
        assert response.status_code == 200
        assert response.context["page"].specific_class is type(person.specific)
        assert "Koordynatorka" in response.content.decode()
        assert client.get("/o-centrum/zespol/nie-ma/").status_code == 404
        assert client.get(draft.url or "/o-centrum/zespol/szkic/").status_code == 404


@pytest.mark.django_db
class TestHomePageImages:
    def test_hero_and_sharing_image_with_their_renditions_in_two_queries(self, client, home_page):
        from wagtail.images import get_image_model
        from wagtail.images.tests.utils import get_test_image_file

        image = get_image_model().objects.create(
            title="Rynek w Czerwionce", file=get_test_image_file(size=(1800, 900))
        )
        home_page.hero_image = image
        home_page.listing_image = image
        home_page.save_revision().publish()
        first = client.get("/").content.decode()  # renditions are generated on the first view
        hero = image.get_rendition("fill-1600x600")
        sharing = image.get_rendition("fill-1200x630")

        with CaptureQueriesContext(connection) as captured:
            html = client.get("/").content.decode()
        assert html == first
        assert hero.url in html and sharing.url in html
        image_queries = [q for q in captured.captured_queries if 'FROM "wagtailimages_' in q["sql"]]
        assert len(image_queries) == 2  # the image once, both renditions at once


@pytest.mark.django_db
class TestHomePageBudget:
    def test_home_page_query_budget_does_not_grow_with_news(self, client, cold_get, home_page):
        """Cold (every cache emptied): at most 12 queries however many news items, with the button's
        page, the service cards' pages and the news index coming with the layout's pages, and every
        rendition (hero, sharing image, news cards, partners' logos) in one query."""
        from wagtail.images import get_image_model
        from wagtail.images.tests.utils import get_test_image_file

        from home.models import PartnerLogo

        about = StandardPageFactory(parent=home_page, title="O Centrum", slug="o-centrum")
        rooms = StandardPageFactory(parent=home_page, title="Sale", slug="sale")
        draft = StandardPageFactory(parent=home_page, title="Szkic", slug="szkic", live=False)
        news_index = NewsIndexPageFactory(parent=home_page, title="Aktualności", slug="aktualnosci")
        home_page.hero_image = home_page.listing_image = get_image_model().objects.create(
            title="Rynek", file=get_test_image_file(size=(1800, 900))
        )
        home_page.hero_cta_page = about
        home_page.hero_cta_label = ""
        home_page.highlights = [
            ("highlight", {"title": "Sale", "text": "Sale dla organizacji.", "page": rooms}),
            ("highlight", {"title": "Doradztwo", "text": "Porady prawne.", "page": about}),
            ("highlight", {"title": "Wkrótce", "text": "Nowa usługa.", "page": draft}),
            ("highlight", {"title": "Bez strony", "text": "Tylko opis.", "page": None}),
        ]
        home_page.news_count = 3
        home_page.save_revision().publish()
        for number in range(3):
            logo = get_image_model().objects.create(
                title=f"Logo {number}", file=get_test_image_file(size=(400, 160))
            )
            PartnerLogo.objects.create(page=home_page, name=f"Partner {number}", logo=logo, sort_order=number)

        def add_news(count, start):
            for number in range(start, start + count):
                image = get_image_model().objects.create(
                    title=f"Zdjęcie {number}", file=get_test_image_file(size=(700, 450))
                )
                NewsPageFactory(parent=news_index, title=f"Wiadomość {number}", listing_image=image)

        add_news(1, 0)
        client.get("/")  # renditions are generated on the first view
        response, few = cold_get("/")
        html = response.content.decode()
        assert '<a class="button button--light" href="/o-centrum/">O Centrum</a>' in html
        assert '<a href="/aktualnosci/">Wszystkie aktualności</a>' in html
        # Service cards link their live pages only; the hero, news cards and logos show their renditions.
        assert '<a href="/sale/">Sale</a>' in html and '<a href="/o-centrum/">Doradztwo</a>' in html
        assert '<h3 class="highlight__title">Wkrótce</h3>' in html and "/szkic/" not in html
        assert '<h3 class="highlight__title">Bez strony</h3>' in html
        assert home_page.hero_image.get_rendition("fill-1600x600").url in html
        for partner in PartnerLogo.objects.select_related("logo"):
            assert partner.logo.get_rendition("max-300x120").url in html
        add_news(8, 1)
        client.get("/")
        response, many = cold_get("/")
        html = response.content.decode()
        assert "Wiadomość 0" in html or "Wiadomość 8" in html
        assert '<a href="/aktualnosci/">Wszystkie aktualności</a>' in html
        assert len(few) == len(many) <= 12
