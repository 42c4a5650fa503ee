"""An NGO editor runs Wagtail's accessibility checker on their published page (userbar), under the site's CSP."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from home.blocks import paragraph
from home.editors import add_editor
from ngo_directory.factories import NGODirectoryPageFactory, NGOProfilePageFactory
from ngo_directory.services import give_ngo_subtree


@pytest.mark.django_db(transaction=True)
def test_ngo_editor_runs_the_checker_on_their_page(browser_page, live_home_page):
    directory = NGODirectoryPageFactory(parent=live_home_page)
    # A heading two levels below "O organizacji" (h2): the kind of mistake the checker points out.
    description = [
        paragraph("<h4>Nasze cele</h4><p>Od wielu lat działamy na rzecz mieszkańców całej gminy.</p>")
    ]
    profile = NGOProfilePageFactory(
        parent=directory, title="Stowarzyszenie Alfa", slug="alfa", description=description
    )
    editor = get_user_model().objects.create_user("redaktor", "redaktor@example.org", "Haslo-redaktora-1")
    add_editor(give_ngo_subtree(profile), editor)

    blocked = []
    browser_page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    browser_page.goto("/admin/login/")
    browser_page.fill("#id_username", "redaktor")
    browser_page.fill("#id_password", "Haslo-redaktora-1")
    browser_page.locator("form button[type=submit]").first.click()
    browser_page.wait_for_url("**/admin/")

    blocked.clear()  # the admin's own policy is not what this test is about
    browser_page.goto(profile.url)
    trigger = browser_page.locator("#wagtail-userbar-trigger")
    expect(trigger).to_be_visible()
    trigger.click()
    checker = browser_page.locator("#checker-trigger")
    expect(checker).to_be_visible()
    checker.click()
    expect(browser_page.locator("#checker-results")).to_be_visible()
    results = browser_page.locator("#checker-results")
    expect(results.locator("[data-content-checker-count]").first).to_have_text(re.compile(r"^[1-9]\d*$"))
    expect(results.get_by_text("Niepoprawna hierarchia nagłówków")).to_be_visible()
    assert not blocked, blocked
