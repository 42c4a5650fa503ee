"""The "Jak edytować" guide for external editors, and Wagtail's accessibility checker for every editor."""

import json
import re

import pytest
from django.urls import reverse

from ngo_directory.factories import NGODirectoryPageFactory, NGOProfilePageFactory
from ngo_directory.services import give_ngo_subtree

GUIDE_URL = "/admin/jak-edytowac/"


@pytest.fixture
def ngo(home_page, make_ngo_editor):
    page = NGOProfilePageFactory(
        parent=NGODirectoryPageFactory(parent=home_page), title="Stowarzyszenie Alfa"
    )
    editor = make_ngo_editor(page, "redaktor_alfa", email="alfa@example.org")
    return page, give_ngo_subtree(page), editor


@pytest.fixture
def ngo_client(login, ngo):
    return login(ngo[2])


def test_guide_url_is_the_one_in_the_brief():
    assert reverse("cop_editor_guide") == GUIDE_URL


@pytest.mark.django_db
def test_ngo_editor_sees_the_guide_in_the_menu_and_on_the_admin_home(ngo_client):
    response = ngo_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    # The main menu is rendered by JavaScript from JSON; the panel on the admin home is plain HTML.
    assert f'href="{GUIDE_URL}"' in html
    assert "Twoja strona w serwisie" in html
    assert "Stowarzyszenie Alfa" in html
    menu = json.loads(re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert GUIDE_URL in json.dumps(menu)


@pytest.mark.django_db
def test_ngo_editor_reads_the_guide_in_polish_with_links_to_their_own_page(ngo_client, ngo):
    page, subtree, _editor = ngo
    response = ngo_client.get(GUIDE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl"' in html
    for heading in [
        "Jak poprawić swoją stronę",
        "Jak dodać wydarzenie, ofertę wolontariatu albo wiadomość",
        "Zdjęcia i dokumenty",
        "Wysyłanie do akceptacji („Akceptacja COP”)",
        "Co dzieje się potem",
    ]:
        assert heading in html
    assert "Wyślij do Akceptacja COP" in html
    assert "Wyślij ponownie do Akceptacja przez pracownika COP" in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert f"„{subtree.collection.name}”" in html
    # What they may add under their profile, each with its description from the "add page" chooser.
    for kind in ("eventpage", "volunteerofferpage"):
        assert (
            f"/admin/pages/add/{'events' if kind == 'eventpage' else 'volunteering'}/{kind}/{page.pk}/"
            in html
        )
    assert "Oferta wolontariatu: zadania, terminy" in html


@pytest.mark.django_db
def test_club_coordinator_reads_the_guide_for_their_club(login, home_page, make_club_coordinator):
    from volunteering.factories import (
        VolunteerCentrePageFactory,
        VolunteerClubIndexPageFactory,
        VolunteerClubPageFactory,
    )

    clubs = VolunteerClubIndexPageFactory(parent=VolunteerCentrePageFactory(parent=home_page))
    club = VolunteerClubPageFactory(parent=clubs, title="Koło przy SP 1")
    client = login(make_club_coordinator(club))

    assert "Koło przy SP 1" in client.get("/admin/").content.decode()
    html = client.get(GUIDE_URL).content.decode()
    assert "Koło przy SP 1</strong> (koło wolontariatu)" in html
    assert f"/admin/pages/add/volunteering/volunteerclubnewspage/{club.pk}/" in html
    assert "/admin/pages/add/events/eventpage/" not in html  # clubs post news, not events


@pytest.mark.django_db
def test_staff_find_the_guide_under_help_but_get_no_editor_panel(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert "Twoja strona w serwisie" not in html
    menu = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert menu.count(GUIDE_URL) == 1  # in the help menu only
    response = staff_client.get(GUIDE_URL)
    assert response.status_code == 200
    assert "nie jest przypisane do strony organizacji" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(GUIDE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "next=/admin/jak-edytowac/" in response["Location"]


# The accessibility checker ------------------------------------------------------------------------


def checker_configuration(html):
    match = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(match.group(1)) if match else None


@pytest.mark.django_db
def test_ngo_editor_gets_the_accessibility_checker_on_their_published_page(ngo_client, ngo):
    page = ngo[0]
    html = ngo_client.get(page.url).content.decode()
    assert "<wagtail-userbar>" in html
    assert 'id="checker-trigger"' in html
    configuration = checker_configuration(html)
    assert configuration["context"]["include"] == ["main"]
    assert "heading-order" in configuration["options"]["runOnly"]
    assert (
        configuration["messages"]["empty-meta-description"]["error_name"]
        == "Brak opisu strony dla wyszukiwarek"
    )


@pytest.mark.django_db
def test_staff_get_the_checker_and_visitors_get_no_userbar(staff_client, client, home_page):
    assert 'id="checker-trigger"' in staff_client.get(home_page.url).content.decode()
    client.logout()
    html = client.get(home_page.url).content.decode()
    assert "wagtail-userbar" not in html
    assert "checker-axe-configuration" not in html


@pytest.mark.django_db
def test_checks_panel_of_the_editor_uses_the_same_checker(ngo_client, ngo):
    """The "Checks" side panel runs the checker on the preview; the preview must carry the userbar."""
    page = ngo[0]
    edit = ngo_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert checker_configuration(edit)["context"]["include"] == ["main"]
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(edit, form_id="page-edit-form")
    data["description-count"] = "0"
    assert ngo_client.post(preview_url, data).json()["is_valid"]
    preview = ngo_client.get(preview_url, {"in_preview_panel": "true"}).content.decode()
    assert "<wagtail-userbar>" in preview
    assert checker_configuration(preview)["context"]["include"] == ["main"]
