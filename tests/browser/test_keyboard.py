"""Keyboard use of the base layout: the skip link and the focus moved to a form's error summary."""

import pytest

from home.factories import ContactFormFieldFactory, ContactFormPageFactory, StandardPageFactory, paragraph


@pytest.mark.django_db(transaction=True)
def test_skip_link_appears_on_focus_and_moves_focus_to_the_content(browser_page, live_home_page):
    about = StandardPageFactory(
        parent=live_home_page,
        title="O Centrum",
        body=[paragraph('<p>Zobacz <a href="https://example.org/mapa">mapę dojazdu</a>.</p>')],
    )
    page = browser_page
    page.goto(about.url)
    skip = page.get_by_role("link", name="Przejdź do treści")
    assert skip.bounding_box()["y"] < 0, "the skip link is hidden off-screen until focused"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Przejdź do treści"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0, "the focused skip link is on screen"
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"

    page.keyboard.press("Enter")
    page.wait_for_url("**/#tresc")
    assert page.evaluate("document.activeElement.id") == "tresc"
    # The next Tab lands on the first link of the content (the breadcrumbs), past header and menu.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")
    assert page.evaluate("document.activeElement.textContent") == "Strona główna"


@pytest.mark.django_db(transaction=True)
def test_form_errors_take_focus_to_the_error_summary(browser_page, live_home_page):
    contact = ContactFormPageFactory(parent=live_home_page)
    ContactFormFieldFactory(page=contact, label="E-mail", field_type="email")

    page = browser_page
    page.goto(contact.url)
    page.get_by_role("button", name="Wyślij wiadomość").click()
    page.locator(".error-summary").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_e_mail"
