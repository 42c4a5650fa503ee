"""The sitemap: an index of per-section sitemaps with the same URLs as Wagtail's generator, in few queries."""

import datetime
import io
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Page, PageViewRestriction, Site

from home.factories import ContactFormPageFactory, NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _parse(content: bytes) -> ET.Element:
    return ET.fromstring(content)


def crawl(client, host="testserver") -> tuple[dict[str, str | None], list[str]]:
    """Every URL the sitemap offers, following the index like a search engine, with its lastmod.

    Also returns the sitemap documents fetched. Works for a single ``urlset`` at /sitemap.xml too.
    """
    urls: dict[str, str | None] = {}
    documents: list[str] = []
    pending = ["/sitemap.xml"]
    while pending:
        address = pending.pop(0)
        response = client.get(address, HTTP_HOST=host)
        assert response.status_code == 200, address
        assert response["Content-Type"].startswith("application/xml")
        documents.append(address)
        root = _parse(response.content)
        if root.tag == f"{{{NS}}}sitemapindex":
            for entry in root.findall(f"{{{NS}}}sitemap"):
                parts = urlsplit(entry.findtext(f"{{{NS}}}loc"))
                assert parts.netloc == host
                pending.append(parts.path + (f"?{parts.query}" if parts.query else ""))
            continue
        assert root.tag == f"{{{NS}}}urlset"
        for entry in root.findall(f"{{{NS}}}url"):
            location = entry.findtext(f"{{{NS}}}loc")
            assert location not in urls, f"{location} listed twice"
            urls[location] = entry.findtext(f"{{{NS}}}lastmod")
    return urls, documents


def wagtail_generator_urls(host="testserver") -> dict[str, str | None]:
    """What ``wagtail.contrib.sitemaps`` (one specific page object at a time) lists for this host."""
    request = RequestFactory().get("/sitemap.xml", HTTP_HOST=host)
    response = wagtail_sitemap_view(request)
    response.render()
    return {
        entry.findtext(f"{{{NS}}}loc"): entry.findtext(f"{{{NS}}}lastmod")
        for entry in _parse(response.content).findall(f"{{{NS}}}url")
    }


def _hidden_pages(home):
    """Pages that must never be listed: private, under a private section, unpublished, a private form."""
    private = StandardPageFactory(parent=home, title="Tylko dla zalogowanych", slug="tylko-zalogowani")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    section = StandardPageFactory(parent=home, title="Zarząd", slug="zarzad-sekcja")
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="tajne-haslo"
    )
    under_section = StandardPageFactory(parent=section, title="Protokoły", slug="protokoly-zarzadu")
    draft = StandardPageFactory(parent=home, title="Szkic", slug="szkic-strony", live=False)
    form = ContactFormPageFactory(parent=home, title="Ankieta członków", slug="ankieta-czlonkow")
    PageViewRestriction.objects.create(page=form, restriction_type=PageViewRestriction.LOGIN)
    return [private, section, under_section, draft, form]


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_content_lists_exactly_what_wagtails_generator_lists(client):
    call_command("load_demo_content", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    host = site.hostname + (f":{site.port}" if site.port != 80 else "")
    home = site.root_page
    hidden = _hidden_pages(home)
    unicode_slug = StandardPageFactory(parent=home, title="Źródła finansowania", slug="źródła-finansowania")
    unicode_slug.save_revision().publish()

    expected = wagtail_generator_urls(host)
    listed, documents = crawl(client, host)

    assert listed == expected
    assert len(documents) > 2  # an index and several sections, not one document
    assert len(listed) > 50  # every app's demo pages
    assert unicode_slug.get_full_url() in listed
    for page in hidden:
        assert not any(page.slug in url for url in listed), page.slug
    assert all(lastmod for lastmod in listed.values())  # every demo page was published with a revision


@pytest.mark.django_db
class TestSitemapIndex:
    def test_index_points_to_each_section_with_its_last_change(self, client, home_page):
        news_index = NewsIndexPageFactory(parent=home_page)
        news_index.save_revision().publish()
        NewsPageFactory(parent=news_index).save_revision().publish()

        response = client.get("/sitemap.xml")
        root = _parse(response.content)
        assert root.tag == f"{{{NS}}}sitemapindex"
        entries = {
            entry.findtext(f"{{{NS}}}loc"): entry.findtext(f"{{{NS}}}lastmod")
            for entry in root.findall(f"{{{NS}}}sitemap")
        }
        assert list(entries) == ["http://testserver/sitemap-home.xml"]
        latest = Page.objects.aggregate(latest=Max("last_published_at"))["latest"]
        assert datetime.datetime.fromisoformat(entries["http://testserver/sitemap-home.xml"]) == latest
        assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"

    def test_robots_txt_points_to_the_index(self, client, home_page):
        robots = client.get("/robots.txt").content.decode()
        assert "Sitemap: http://testserver/sitemap.xml" in robots

    def test_sections_are_split_into_pages(self, client, home_page, monkeypatch):
        monkeypatch.setattr("home.sitemaps.SITEMAP_PAGE_SIZE", 4)
        news_index = NewsIndexPageFactory(parent=home_page)
        news = NewsPageFactory.create_batch(8, parent=news_index)

        listed, documents = crawl(client)

        # home page, news index and 8 news items: 10 URLs in pages of 4
        assert documents == [
            "/sitemap.xml",
            "/sitemap-home.xml",
            "/sitemap-home.xml?p=2",
            "/sitemap-home.xml?p=3",
        ]
        assert set(listed) == {f"http://testserver{page.url}" for page in [home_page, news_index, *news]}
        assert client.get("/sitemap-home.xml?p=4").status_code == 404
        assert client.get("/sitemap-home.xml?p=0").status_code == 404
        assert client.get("/sitemap-home.xml?p=druga").status_code == 404
        assert client.get("/sitemap-wydarzenia.xml").status_code == 404

    def test_private_unpublished_and_restricted_pages_stay_out(self, client, home_page):
        public = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
        hidden = _hidden_pages(home_page)

        listed, _ = crawl(client)

        assert listed.keys() == wagtail_generator_urls().keys()
        assert f"http://testserver{public.url}" in listed
        for page in hidden:
            assert not any(page.slug in url for url in listed), page.slug

    def test_sections_and_pages_are_cached_for_an_hour(self, client, home_page, django_assert_num_queries):
        NewsPageFactory.create_batch(3, parent=NewsIndexPageFactory(parent=home_page))
        for address in ("/sitemap.xml", "/sitemap-home.xml"):
            first = client.get(address)
            assert "max-age=3600" in first["Cache-Control"]
            with django_assert_num_queries(0):
                again = client.get(address)
            assert again.content == first.content

    def test_the_sitemap_is_served_when_the_cache_is_down(self, client, home_page):
        from unittest import mock

        news_index = NewsIndexPageFactory(parent=home_page)
        down = ConnectionError("redis down")
        with (
            mock.patch("django.core.cache.backends.locmem.LocMemCache.get", side_effect=down),
            mock.patch("django.core.cache.backends.locmem.LocMemCache.set", side_effect=down),
        ):
            response = client.get("/sitemap-home.xml")
        assert (
            response.status_code == 200 and f"http://testserver{news_index.url}" in response.content.decode()
        )

    def test_publishing_or_unpublishing_renews_the_cached_sitemap_at_once(self, client, home_page):
        news_index = NewsIndexPageFactory(parent=home_page)
        client.get("/sitemap.xml")
        before = client.get("/sitemap-home.xml").content.decode()
        fresh = NewsPageFactory(
            parent=news_index, title="Nowa aktualność", slug="nowa-aktualnosc", live=False
        )
        assert client.get("/sitemap-home.xml").content.decode() == before  # kept while nothing is published

        fresh.save_revision().publish()
        assert f"http://testserver{fresh.url}" in client.get("/sitemap-home.xml").content.decode()
        fresh.refresh_from_db()  # the revision published a copy: this object still says "not live"
        fresh.unpublish()
        assert "nowa-aktualnosc" not in client.get("/sitemap-home.xml").content.decode()
        assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.django_db
class TestPageTypesDeclareTheirEntries:
    def test_a_page_type_can_leave_the_sitemap(self, client, home_page, monkeypatch):
        from home.models import StandardPage

        kept = NewsIndexPageFactory(parent=home_page)
        left_out = StandardPageFactory(parent=home_page, slug="nie-w-mapie")
        monkeypatch.setattr(StandardPage, "sitemap_exclude", True)

        listed, _ = crawl(client)

        assert f"http://testserver{kept.url}" in listed
        assert f"http://testserver{left_out.url}" not in listed

    def test_a_page_type_can_add_its_sub_pages(self, client, home_page, monkeypatch):
        from home.models import NewsIndexPage

        news_index = NewsIndexPageFactory(parent=home_page)
        news_index.save_revision().publish()
        monkeypatch.setattr(NewsIndexPage, "sitemap_subpaths", ("archiwum/",))

        listed, _ = crawl(client)

        page_url = f"http://testserver{news_index.url}"
        assert listed[page_url] is not None
        assert listed[f"{page_url}archiwum/"] == listed[page_url]  # the sub-page changes with its page
        assert f"http://testserver{home_page.url}archiwum/" not in listed  # only that page type's


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_pages(client, home_page, monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr("home.sitemaps.SITEMAP_PAGE_SIZE", 20)
    news_index = NewsIndexPageFactory(parent=home_page)
    private = StandardPageFactory(parent=home_page, slug="prywatna")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    counts = []
    for batch in (3, 57):
        NewsPageFactory.create_batch(batch, parent=news_index)
        _, documents = crawl(client)
        measured = []
        for address in (documents[0], documents[1], documents[-1]):  # index, first and last page
            cache.clear()
            measured.append(_queries(client, address))
        counts.append(measured)
    assert len(documents) == 5  # the index and 62 URLs in pages of 20
    assert counts[0] == counts[1]
    assert max(counts[1]) <= 3  # the site, the view restrictions, the pages (grouped for the index)
