"""Registering for an event in a real browser: an error, then success; full → waiting list →
cancellation through the e-mailed link → the waiting person is promoted and told so."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration


def fill_form(page, *, name, email):
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.check("#id_accept_rules")
    page.check("#id_accept_privacy")


@pytest.mark.django_db(transaction=True)
def test_sign_up_waiting_list_cancellation_and_promotion(browser_page, live_home_page, chromium, live_server):
    calendar = EventIndexPageFactory(parent=live_home_page)
    event = EventPageFactory(
        parent=calendar,
        title="Warsztat World Café",
        registration_enabled=True,
        capacity=1,
        rules_summary="Liczba miejsc ograniczona.",
    )
    page = browser_page

    # First visitor: a mistake, then success.
    page.goto(event.url)
    expect(page.get_by_text("Wolne miejsca:")).to_be_visible()
    page.fill("#id_name", "Katarzyna Wójcik")
    page.fill("#id_email", "to-nie-jest-adres")
    page.check("#id_accept_privacy")
    page.get_by_role("button", name="Zapisz się").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert "E-mail" in summary.inner_text() and "regulamin" in summary.inner_text()
    assert page.input_value("#id_name") == "Katarzyna Wójcik"
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    fill_form(page, name="Katarzyna Wójcik", email="katarzyna@example.org")
    page.get_by_role("button", name="Zapisz się").click()
    expect(page.get_by_role("heading", name="Dziękujemy, zapis przyjęty")).to_be_visible()

    # Second visitor (own cookies): the event is full, so the waiting list.
    second = chromium.new_context(base_url=live_server.url, locale="pl-PL").new_page()
    second.goto(live_server.url + event.url)
    expect(second.get_by_text("Brak wolnych miejsc")).to_be_visible()
    fill_form(second, name="Tomasz Kamiński", email="tomasz@example.org")
    second.get_by_role("button", name="Zapisz mnie na listę rezerwową").click()
    expect(second.get_by_role("heading", name="Jesteś na liście rezerwowej")).to_be_visible()
    second.context.close()

    # The first visitor cancels with the link from her confirmation e-mail.
    confirmation = next(m for m in mail.outbox if m.to == ["katarzyna@example.org"])
    link = re.search(r"(http://\S+rezygnacja/\?t=\S+)", confirmation.body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", name="Czy na pewno rezygnujesz?")).to_be_visible()
    page.get_by_role("button", name="Tak, rezygnuję z udziału").click()
    expect(page.get_by_text("Twoja rezygnacja została przyjęta")).to_be_visible()

    assert Registration.objects.get(email="tomasz@example.org").status == Registration.CONFIRMED
    assert Registration.objects.get(email="katarzyna@example.org").status == Registration.CANCELLED
    promotion = [
        m for m in mail.outbox if m.to == ["tomasz@example.org"] and "Zwolniło się miejsce" in m.subject
    ]
    assert len(promotion) == 1
    page.goto(event.url)
    expect(page.get_by_text("Brak wolnych miejsc")).to_be_visible()
