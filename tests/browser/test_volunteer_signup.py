"""A teenager signs up to the municipal volunteer database in a real browser: errors first, then success."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ngo_directory.models import AreaOfActivity
from volunteering.factories import VolunteerCentrePageFactory, born_years_ago
from volunteering.forms import CONSENT_LABELS
from volunteering.models import Volunteer


@pytest.mark.django_db(transaction=True)
def test_signup_errors_then_success(browser_page, live_home_page):
    AreaOfActivity.objects.create(name="Ekologia i zwierzęta", slug="ekologia")
    centre = VolunteerCentrePageFactory(parent=live_home_page)
    page = browser_page
    page.goto(centre.url)
    page.get_by_role("link", name="Zapisz się do gminnej bazy wolontariuszy").click()
    page.wait_for_url("**/zapisz-sie/")

    # A 15-year-old without the guardian's details: the server explains what is missing.
    page.get_by_label("Imię wolontariusza").fill("Julia")
    page.get_by_label("Nazwisko wolontariusza").fill("Sowa")
    # The form words itself for who signs as soon as the date of birth is known.
    page.get_by_label("Data urodzenia wolontariusza").fill(born_years_ago(10).isoformat())
    wording = page.locator("#signer-wording")
    expect(wording).to_contain_text("formularz wypełnia i zgodę wyraża rodzic lub opiekun")
    expect(page.locator('label[for="id_consent"]')).to_contain_text("Jako rodzic lub opiekun wyrażam zgodę")
    page.get_by_label("Data urodzenia wolontariusza").fill(born_years_ago(15).isoformat())
    expect(wording).to_contain_text("rodzic lub opiekun potwierdzi zgodę linkiem z e-maila")
    expect(page.locator('label[for="id_consent"]')).to_contain_text("zapis zacznie działać")
    page.get_by_label("E-mail wolontariusza").fill("julia@example.org")
    page.get_by_label("Dzielnica / sołectwo zamieszkania").select_option("debiensko")
    page.get_by_label("Ekologia i zwierzęta").check()
    page.get_by_label("weekendy").check()
    page.get_by_label("Wyrażam zgodę", exact=False).check()
    page.get_by_role("button", name="Zapisz do bazy").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert "podaj e-mail opiekuna" in summary.inner_text()
    assert page.input_value("#id_first_name") == "Julia"  # answers kept
    assert page.get_by_label("Ekologia i zwierzęta").is_checked()
    summary.get_by_role("link", name="E-mail rodzica lub opiekuna", exact=False).click()
    assert page.evaluate("document.activeElement.id") == "id_guardian_email"
    assert not Volunteer.objects.exists()

    page.get_by_label("Imię i nazwisko rodzica lub opiekuna").fill("Marta Sowa")
    page.get_by_label("E-mail rodzica lub opiekuna").fill("marta@example.org")
    page.get_by_label("Wyrażam zgodę", exact=False).check()
    page.get_by_role("button", name="Zapisz do bazy").click()
    page.wait_for_url(re.compile(r"/zapisano/"))
    assert "rodzic lub opiekun dostał e-mail" in page.locator("main").inner_text()

    volunteer = Volunteer.objects.get()
    assert volunteer.status == Volunteer.Status.PENDING and volunteer.signer == "self_with_guardian"
    assert {m.to[0] for m in mail.outbox} >= {"julia@example.org", "marta@example.org"}
    # The words she ticked (worded for 13–17) are the ones kept with her consent.
    assert volunteer.consents.get().text.startswith(str(CONSENT_LABELS["teen"]))
