"""The site, its home page, settings, menus, root paths and "any private page?" in one query per request."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from home.factories import StandardPageFactory
from home.models import HomePage, NavigationSettings, SiteSettings
from home.site_context import _sites_query, match_site, site_root_paths

pytestmark = pytest.mark.django_db


def wagtail_site(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


class TestSameAnswersAsWagtail:
    @pytest.fixture
    def sites(self, home_page):
        other_root = StandardPageFactory(parent=home_page, title="Koło", slug="kolo")
        Site.objects.create(hostname="cop.example.org", port=80, root_page=home_page)
        Site.objects.create(hostname="cop.example.org", port=8080, root_page=other_root)
        Site.objects.create(hostname="kolo.example.org", port=443, root_page=other_root)
        Site.objects.create(hostname="kolo.example.org", port=8443, root_page=other_root)

    @pytest.mark.parametrize(
        ("hostname", "port"),
        [
            ("cop.example.org", 80),
            ("cop.example.org", 8080),
            ("cop.example.org", 9999),
            ("kolo.example.org", 443),
            ("kolo.example.org", 1),
            ("nieznany.example.org", 80),
            ("localhost", 80),
        ],
    )
    def test_picks_the_site_wagtail_picks(self, sites, hostname, port):
        expected = wagtail_site(hostname, port)
        found = match_site(list(Site.objects.all()), hostname, port)
        assert (found and found.pk) == (expected and expected.pk)

    def test_without_a_default_site_an_unknown_host_has_none(self, sites):
        Site.objects.update(is_default_site=False)
        assert match_site(list(Site.objects.all()), "nieznany.example.org", 80) is None
        assert wagtail_site("nieznany.example.org", 80) is None

    def test_root_paths_are_wagtails(self, sites):
        """The same entries as Wagtail, in Wagtail's order (most specific path first, then the default
        site, then by hostname); sites tied on all three come in any order, as from Wagtail's query."""
        cache.clear()
        ours = site_root_paths(list(_sites_query()))
        assert sorted(ours) == sorted(Site.get_site_root_paths())
        by_id = {site.id: site for site in Site.objects.all()}
        for first, second in zip(ours, ours[1:], strict=False):
            first_site, second_site = by_id[first.site_id], by_id[second.site_id]
            assert first.root_path >= second.root_path
            if first.root_path == second.root_path:
                assert first_site.is_default_site >= second_site.is_default_site
                if first_site.is_default_site == second_site.is_default_site:
                    assert first_site.hostname <= second_site.hostname


class TestOneQueryPerRequest:
    def test_content_page_costs_four_queries_cold(self, cold_get, home_page):
        """Site with settings, menus and root paths; one routing step; the page; the layout's pages."""
        StandardPageFactory(parent=home_page, title="O Centrum", slug="o-centrum")
        response, queries = cold_get("/o-centrum/")
        assert "O Centrum" in response.content.decode()
        assert len(queries) == 4
        site_queries = [q for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]
        assert len(site_queries) == 1
        assert not [q for q in queries if q["sql"].startswith('SELECT "wagtailcore_pageviewrestriction"')]
        assert not [q for q in queries if 'FROM "home_homepage"' in q["sql"]]  # routing starts from the join

    def test_home_page_comes_with_the_site_and_shows_the_saved_settings(self, cold_get, home_page):
        site = home_page.get_site()
        SiteSettings.objects.update_or_create(site=site, defaults={"organisation_name": "COP Czerwionka"})
        navigation, _ = NavigationSettings.objects.get_or_create(site=site)
        navigation.main_menu = [("item", {"page": home_page, "label": "Start", "url": ""})]
        navigation.save()
        response, queries = cold_get("/")
        html = response.content.decode()
        assert "COP Czerwionka" in html and ">Start</a>" in html
        assert isinstance(response.context["page"], HomePage)
        assert len([q for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]) == 1
        settings_tables = ('SELECT "home_sitesettings"', 'SELECT "home_navigationsettings"')
        assert not [q for q in queries if q["sql"].startswith(settings_tables)]
        assert not [q for q in queries if 'FROM "home_homepage"' in q["sql"]]

    def test_private_section_still_asks_and_still_hides(self, client, cold_get, home_page):
        private = StandardPageFactory(parent=home_page, title="Dla zarządu", slug="zarzad")
        StandardPageFactory(parent=home_page, title="O Centrum", slug="o-centrum")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        _response, queries = cold_get("/o-centrum/")
        assert [q for q in queries if q["sql"].startswith('SELECT "wagtailcore_pageviewrestriction"')]
        assert client.get("/zarzad/").status_code == 302  # to the login page

    def test_other_host_gets_its_own_site_and_links(self, client, home_page):
        section = StandardPageFactory(parent=home_page, title="Koło", slug="kolo")
        StandardPageFactory(parent=section, title="Aktualności koła", slug="aktualnosci-kola")
        Site.objects.create(hostname="kolo.example.org", port=80, root_page=section, site_name="Koło")
        response = client.get("/aktualnosci-kola/", HTTP_HOST="kolo.example.org")
        assert response.status_code == 200
        assert response.context["page"].title == "Aktualności koła"
        assert client.get("/kolo/aktualnosci-kola/").status_code == 200  # still on the default site
        assert (
            Page.objects.get(slug="aktualnosci-kola").get_url() == "http://kolo.example.org/aktualnosci-kola/"
        )
