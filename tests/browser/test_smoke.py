"""The foundation in a real browser: home page, search and the shared form include."""

import pytest
from playwright.sync_api import expect

from home.factories import ContactFormFieldFactory, ContactFormPageFactory, StandardPageFactory


@pytest.mark.django_db(transaction=True)
def test_home_search_and_form_error_summary(browser_page, live_home_page):
    StandardPageFactory(
        parent=live_home_page, title="Centrum Wolontariatu", intro="Gminna baza wolontariuszy"
    )
    contact = ContactFormPageFactory(parent=live_home_page)
    ContactFormFieldFactory(page=contact, label="Imię i nazwisko", field_type="singleline")
    ContactFormFieldFactory(page=contact, label="E-mail", field_type="email")

    page = browser_page
    page.goto("/")
    assert page.locator("h1").first.inner_text().startswith("Centrum Organizacji")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Przejdź do treści"

    page.fill("#site-search-q", "wolontariuszy")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/szukaj/?q=*")
    expect(page.get_by_role("link", name="Centrum Wolontariatu")).to_be_visible()

    page.goto(contact.url)
    page.fill("#id_imie_i_nazwisko", "Jan Kowalski")
    page.fill("#id_e_mail", "to-nie-jest-adres")
    page.get_by_role("button", name="Wyślij wiadomość").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert "E-mail" in summary.inner_text()
    assert page.input_value("#id_imie_i_nazwisko") == "Jan Kowalski"
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_e_mail"
