"""The page cache of anonymous public pages (home/cache.py, home/middleware.py, home/signals.py)."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import PageViewRestriction

from home.factories import ContactFormFieldFactory, ContactFormPageFactory, StandardPageFactory
from home.models import SiteSettings

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.COP_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, title="O Centrum", slug="o-centrum")


@pytest.fixture
def contact(home_page):
    page = ContactFormPageFactory(parent=home_page)
    ContactFormFieldFactory(page=page, label="E-mail", field_type="email")
    ContactFormFieldFactory(page=page, label="Wiadomość", field_type="multiline")
    return page


def publish_title(page, title):
    page.title = title
    page.save_revision().publish()


@pytest.mark.django_db
class TestAnonymousPages:
    def test_second_visit_is_a_hit_without_queries(self, client, page, django_assert_num_queries):
        first = client.get(page.url)
        assert first.status_code == 200 and first["X-Cache"] == "MISS"
        with django_assert_num_queries(0):
            second = Client().get(page.url)
        assert second["X-Cache"] == "HIT"
        assert second.content == first.content
        # Headers added around the view are still there on a hit.
        assert "Content-Security-Policy" in second and second["X-Content-Type-Options"] == "nosniff"
        assert "csrftoken" not in second.cookies and "sessionid" not in second.cookies

    def test_head_is_answered_from_the_stored_get(self, client, page):
        client.get(page.url)
        assert client.head(page.url)["X-Cache"] == "HIT"

    def test_campaign_parameters_share_the_entry_other_parameters_do_not(self, client, page):
        client.get(page.url)
        assert client.get(page.url + "?utm_source=facebook&fbclid=abc")["X-Cache"] == "HIT"
        assert client.get(page.url + "?strona=2")["X-Cache"] == "MISS"

    def test_proxy_may_keep_cacheable_pages_but_never_forms(self, client, page, contact, settings):
        settings.COP_FRONTEND_CACHE_SECONDS = 120
        for _ in range(2):
            response = client.get(page.url)
            assert "s-maxage=120" in response["Cache-Control"] and "public" in response["Cache-Control"]
            assert "Cookie" in response["Vary"]
        form = Client().get(contact.url)
        assert "private" in form["Cache-Control"] and "s-maxage" not in form["Cache-Control"]

    def test_switched_off_with_zero_seconds(self, client, page, settings):
        settings.COP_PAGE_CACHE_SECONDS = 0
        client.get(page.url)
        assert "X-Cache" not in client.get(page.url)

    def test_404_is_never_cached_with_or_without_query_string(self, client, home_page):
        for url in ("/nie-ma-takiej-strony/?x=1", "/nie-ma-takiej-strony/"):
            for _ in range(2):
                response = client.get(url)
                assert response.status_code == 404
                assert "X-Cache" not in response

    def test_non_page_views_are_not_cached(self, client, home_page):
        client.get("/szukaj/?q=centrum")
        assert "X-Cache" not in client.get("/szukaj/?q=centrum")


@pytest.mark.django_db
class TestPurge:
    def test_publish_shows_the_new_version_at_once(self, client, page):
        client.get(page.url)
        assert client.get(page.url)["X-Cache"] == "HIT"
        publish_title(page, "O nas – nowy tytuł")
        response = client.get(page.url)
        assert response["X-Cache"] == "MISS"
        assert "O nas – nowy tytuł" in response.content.decode()

    def test_publish_of_one_page_refreshes_the_others(self, client, page, home_page):
        """Menus and listings on other pages show the changed page too."""
        client.get(home_page.url)
        publish_title(page, "Zmieniony tytuł")
        assert client.get(home_page.url)["X-Cache"] == "MISS"

    def test_unpublish_and_delete_remove_the_page(self, client, page, home_page):
        other = StandardPageFactory(parent=home_page, slug="druga")
        client.get(page.url)
        client.get(other.url)
        page.unpublish()
        assert client.get(page.url).status_code == 404
        assert client.get(other.url)["X-Cache"] == "MISS"
        url = other.url
        other.delete()
        assert client.get(url).status_code == 404

    def test_move_purges(self, client, page, home_page):
        parent = StandardPageFactory(parent=home_page, slug="dzial")
        old_url = page.url
        client.get(old_url)
        page.move(parent, pos="last-child")
        moved = client.get(old_url)  # Wagtail's automatic redirect, not the cached page
        assert moved.status_code == 301 and moved["Location"] == "/dzial/o-centrum/"
        assert client.get("/dzial/o-centrum/").status_code == 200

    def test_menu_and_document_changes_purge(self, client, page, home_page):
        from django.core.files.base import ContentFile
        from wagtail.documents.models import Document

        from home.models import NavigationSettings

        client.get(page.url)
        navigation = NavigationSettings.for_site(home_page.get_site())
        navigation.main_menu = [("item", {"label": "Nowa pozycja menu", "page": page, "url": ""})]
        navigation.save()
        refreshed = client.get(page.url)
        assert refreshed["X-Cache"] == "MISS" and "Nowa pozycja menu" in refreshed.content.decode()
        assert client.get(page.url)["X-Cache"] == "HIT"
        Document.objects.create(title="Regulamin", file=ContentFile(b"%PDF", name="regulamin.pdf"))
        assert client.get(page.url)["X-Cache"] == "MISS"

    def test_site_settings_change_purges(self, client, page, home_page):
        client.get(page.url)
        site_settings = SiteSettings.for_site(home_page.get_site())
        site_settings.footer_text = "Nowa stopka Centrum"
        site_settings.save()
        response = client.get(page.url)
        assert response["X-Cache"] == "MISS" and "Nowa stopka Centrum" in response.content.decode()


@pytest.mark.django_db
class TestNeverCached:
    def test_logged_in_users_get_fresh_private_pages(self, client, page, admin_user):
        Client().get(page.url)  # an anonymous visitor fills the cache
        client.force_login(admin_user)
        for _ in range(2):
            response = client.get(page.url)
            assert "X-Cache" not in response
            assert "private" in response["Cache-Control"]

    def test_preview_of_a_draft_is_not_answered_from_the_cache(self, client, page):
        page.title = "Szkic, którego nikt nie widzi"
        page.save_revision()
        client.get(page.url)
        assert client.get(page.url)["X-Cache"] == "HIT"  # the live page is cached at the draft's address
        preview = page.get_latest_revision_as_object().make_preview_request()
        assert "Szkic, którego nikt nie widzi" in preview.content.decode()
        assert "X-Cache" not in preview
        live = client.get(page.url)
        assert live["X-Cache"] == "HIT" and "Szkic" not in live.content.decode()

    def test_password_protected_page(self, client, page):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne-haslo"
        )
        for _ in range(2):
            response = client.get(page.url)
            assert "X-Cache" not in response
            assert "Treść strony." not in response.content.decode()
        client.post(
            f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
            {"password": "tajne-haslo", "return_url": page.url},
        )
        unlocked = client.get(page.url)
        assert "Treść strony." in unlocked.content.decode() and "X-Cache" not in unlocked
        stranger = Client().get(page.url)
        assert "Treść strony." not in stranger.content.decode() and "X-Cache" not in stranger

    def test_login_restricted_page(self, client, page):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        for _ in range(2):
            response = client.get(page.url)
            assert response.status_code == 302 and "X-Cache" not in response

    def test_visitor_with_a_flash_message_gets_a_fresh_page(self, client, page):
        client.get(page.url)
        client.cookies["messages"] = "anything"
        assert "X-Cache" not in client.get(page.url)

    def test_post_is_never_answered_from_the_cache(self, client, contact):
        Client().get(contact.url)
        response = client.post(contact.url, {"e_mail": "jan@example.org", "wiadomosc": "Dzień dobry"})
        assert "X-Cache" not in response
        assert FormSubmission.objects.filter(page=contact).count() == 1


@pytest.mark.django_db
class TestFormsKeepTheirOwnCsrfToken:
    def test_two_visitors_never_share_a_token(self, contact):
        secrets = []
        for _ in range(3):
            visitor = Client()
            response = visitor.get(contact.url)
            assert "X-Cache" not in response
            assert "private" in response["Cache-Control"]
            token = TOKEN.search(response.content.decode()).group(1)
            cookie = visitor.cookies[settings.CSRF_COOKIE_NAME].value
            assert _unmask_cipher_token(token) == cookie  # the page's token belongs to this visitor
            secrets.append(cookie)
        assert len(set(secrets)) == 3

    def test_form_submits_after_a_cached_page(self, contact, home_page):
        visitor = Client(enforce_csrf_checks=True)
        visitor.get(home_page.url)
        assert visitor.get(home_page.url)["X-Cache"] == "HIT"
        html = visitor.get(contact.url).content.decode()
        response = visitor.post(
            contact.url,
            {
                "csrfmiddlewaretoken": TOKEN.search(html).group(1),
                "e_mail": "jan@example.org",
                "wiadomosc": "Dzień dobry",
            },
        )
        assert response.status_code == 200
        assert FormSubmission.objects.filter(page=contact).count() == 1

    def test_no_cached_page_of_the_demo_site_carries_a_token(self, settings):
        """Every page of the demo content (all page types, all public forms), two visitors each."""
        from django.core.management import call_command

        settings.DEBUG = True
        call_command("load_demo_content", verbosity=0)
        settings.DEBUG = False
        from wagtail.models import Site

        site = Site.objects.get(is_default_site=True)
        host = site.hostname + (f":{site.port}" if site.port != 80 else "")
        queue, seen, form_pages, hits = ["/"], set(), [], 0
        while queue and len(seen) < 250:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            first = Client().get(url, HTTP_HOST=host)
            if first.status_code != 200 or not first["Content-Type"].startswith("text/html"):
                continue
            second = Client().get(url, HTTP_HOST=host)
            html = second.content.decode()
            if second.get("X-Cache") == "HIT":
                hits += 1
                assert "csrfmiddlewaretoken" not in html, url
                assert not second.cookies, url
            if "csrfmiddlewaretoken" in first.content.decode():
                form_pages.append(url)
                assert "X-Cache" not in second, url
                assert TOKEN.search(first.content.decode()).group(1) != TOKEN.search(html).group(1)
            for link in re.findall(r'href="(/[^"#?]*)"', html):
                if not link.startswith(("/admin/", "/static/", "/media/", "/dokumenty/", "/api/")):
                    queue.append(link)
        assert hits >= 10
        # Contact, booking, volunteer sign-up, NGO onboarding, event registration, surveys.
        assert {"/kontakt/", "/sale/rezerwacja/", "/wolontariat/zapisz-sie/", "/organizacje/dodaj/"} <= set(
            form_pages
        ), form_pages
        assert any(url.startswith("/wydarzenia/") for url in form_pages)  # event registration
        assert any(url.startswith("/ankiety/") for url in form_pages)  # surveys
