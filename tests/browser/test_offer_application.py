"""Applying to an offer in a real browser: the consent is worded for the age typed, and stored as shown."""

import pytest
from playwright.sync_api import expect

from volunteering.factories import (
    VolunteerCentrePageFactory,
    VolunteerOfferIndexPageFactory,
    VolunteerOfferPageFactory,
)
from volunteering.forms import OFFER_CONSENT_LABELS
from volunteering.models import OfferApplication


@pytest.mark.django_db(transaction=True)
def test_consent_follows_the_age_and_the_words_shown_are_stored(browser_page, live_home_page):
    centre = VolunteerCentrePageFactory(parent=live_home_page)
    offers = VolunteerOfferIndexPageFactory(parent=centre)
    offer = VolunteerOfferPageFactory(parent=offers, title="Sprzątanie lasu", min_age=10)
    page = browser_page
    page.goto(offer.url)
    consent = page.locator('label[for="id_consent"]')
    expect(consent).to_contain_text("za dziecko poniżej 13 lat")  # no age yet: words for any age

    page.get_by_label("Wiek (w latach)").fill("11")
    expect(consent).to_contain_text("Jako rodzic lub opiekun zgadzam się")
    page.get_by_label("Wiek (w latach)").fill("16")
    expect(consent).to_contain_text("mój rodzic lub opiekun, którego dane podaję")

    page.locator("#id_name").fill("Ola Las")
    page.locator("#id_email").fill("ola@example.org")
    page.locator("#id_guardian_name").fill("Ewa Las")
    page.locator("#id_guardian_email").fill("ewa@example.org")
    consent.click()
    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    expect(page.get_by_role("status")).to_contain_text("Dziękujemy")
    application = OfferApplication.objects.get()
    assert application.consent_text == str(OFFER_CONSENT_LABELS["teen"])
