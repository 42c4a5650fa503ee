"""Offer applications: the consent words the applicant saw are stored; the receipt's withdrawal link."""

import base64
import datetime
import re

import pytest
from django.core import mail, signing
from django.test import override_settings
from django.utils import timezone

from volunteering import services
from volunteering.factories import OfferApplicationFactory, VolunteerFactory, VolunteerOfferPageFactory
from volunteering.forms import CONSENT_WORDING_CHANGED, OFFER_CONSENT_LABELS
from volunteering.models import GdprAuditEntry, OfferApplication
from volunteering.models.records import consent_version_of

pytestmark = pytest.mark.django_db


def apply_data(**overrides):
    data = {
        "name": "Piotr Zieliński",
        "email": "piotr@example.org",
        "age": "30",
        "message": "Mam wolne soboty.",
        "consent": "on",
        "consent_wording": "adult",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def apply(client, offer, capture, **overrides):
    with capture(execute=True):
        return client.post(offer.url, apply_data(**overrides))


# The consent shown -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "wording"),
    [
        ({}, "adult"),
        (
            {
                "age": "15",
                "guardian_name": "Anna Z",
                "guardian_email": "anna@example.org",
                "consent_wording": "teen",
            },
            "teen",
        ),
        (
            {
                "age": "10",
                "guardian_name": "Anna Z",
                "guardian_email": "anna@example.org",
                "consent_wording": "child",
            },
            "child",
        ),
        # Without the page script the words for any age stay on the screen: those are stored.
        ({"consent_wording": None}, "any"),
        (
            {
                "age": "15",
                "guardian_name": "Anna Z",
                "guardian_email": "anna@example.org",
                "consent_wording": "any",
            },
            "any",
        ),
    ],
)
def test_the_consent_words_on_the_screen_are_stored(
    client, offer_index, django_capture_on_commit_callbacks, overrides, wording
):
    offer = VolunteerOfferPageFactory(parent=offer_index, min_age=7)
    response = apply(client, offer, django_capture_on_commit_callbacks, **overrides)
    assert response.status_code == 302
    application = OfferApplication.objects.get()
    assert application.consent_text == str(OFFER_CONSENT_LABELS[wording])
    assert application.consent_version == consent_version_of(application.consent_text)
    assert application.consent_version != "oferta-1"


def test_each_wording_has_its_own_version():
    versions = {consent_version_of(str(label)) for label in OFFER_CONSENT_LABELS.values()}
    assert len(versions) == len(OFFER_CONSENT_LABELS)


def test_the_form_first_shows_the_wording_for_any_age_and_the_page_script_gets_all(client, offer_index):
    offer = VolunteerOfferPageFactory(parent=offer_index)
    response = client.get(offer.url)
    form = response.context["form"]
    assert form["consent"].label == OFFER_CONSENT_LABELS["any"]
    html = response.content.decode()
    assert re.search(r'<input type="hidden" name="consent_wording" value="any"', html)
    assert 'data-label-child="Jako rodzic lub opiekun zgadzam się' in html
    assert "js/volunteer-offer" in html


@pytest.mark.parametrize(
    ("age", "wording", "not_wording"),
    [("30", "adult", "child"), ("16", "teen", "adult"), ("10", "child", "teen")],
)
def test_shown_again_the_form_words_the_consent_for_the_age(client, offer_index, age, wording, not_wording):
    offer = VolunteerOfferPageFactory(parent=offer_index, min_age=7)
    # An error elsewhere (no e-mail) brings the form back; it was sent from a page without the script.
    response = client.post(offer.url, apply_data(age=age, email="", consent_wording=None))
    assert response.status_code == 200 and not OfferApplication.objects.exists()
    label = str(response.context["form"]["consent"].label)
    assert label == str(OFFER_CONSENT_LABELS[wording]) != str(OFFER_CONSENT_LABELS[not_wording])
    # The hidden field now names the words shown, not the ones sent before.
    assert f'name="consent_wording" value="{wording}"' in response.content.decode()


def test_words_for_another_age_than_the_one_sent_are_refused(client, offer_index):
    offer = VolunteerOfferPageFactory(parent=offer_index, min_age=7)
    response = client.post(
        offer.url,
        apply_data(
            age="15", guardian_name="Anna Z", guardian_email="anna@example.org", consent_wording="adult"
        ),
    )
    assert response.status_code == 200 and not OfferApplication.objects.exists()
    assert CONSENT_WORDING_CHANGED in response.context["form"].errors["consent"]
    assert 'value="Piotr Zieliński"' in response.content.decode()  # other answers kept


def test_a_forged_wording_is_refused_not_a_500(client, offer_index):
    offer = VolunteerOfferPageFactory(parent=offer_index)
    response = client.post(offer.url, apply_data(consent_wording="<script>"))
    assert response.status_code == 200 and not OfferApplication.objects.exists()
    assert CONSENT_WORDING_CHANGED in response.context["form"].errors["consent"]


def test_the_consent_is_part_of_the_persons_data_export(offer_index):
    offer = VolunteerOfferPageFactory(parent=offer_index)
    volunteer = VolunteerFactory(email="piotr@example.org")
    OfferApplicationFactory(offer=offer, email="piotr@example.org")
    exported = services.export_person(volunteer)
    assert str(OFFER_CONSENT_LABELS["adult"]) in exported


# Withdrawal -------------------------------------------------------------------------------------


def withdraw_link(offer_title="Pomoc przy festynie"):
    [receipt] = [m for m in mail.outbox if m.subject == f"Twoje zgłoszenie do oferty „{offer_title}”"]
    [url] = re.findall(r"http://testserver\S+", receipt.body)
    assert "/wycofaj-zgloszenie/" in url
    return url.replace("http://testserver", "")


@pytest.fixture
def offer(offer_index):
    return VolunteerOfferPageFactory(
        parent=offer_index, title="Pomoc przy festynie", contact_email="festyn@example.org"
    )


def test_the_receipt_link_withdraws_the_application_and_tells_the_organiser(
    client, offer, django_capture_on_commit_callbacks
):
    apply(client, offer, django_capture_on_commit_callbacks)
    url = withdraw_link()
    mail.outbox.clear()

    page = client.get(url)  # opening the link (or a mail scanner) changes nothing
    assert page.status_code == 200 and "Wycofuję zgłoszenie" in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    application = OfferApplication.objects.get()
    assert application.status == OfferApplication.Status.NEW

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 200
    assert "zostało wycofane" in response.content.decode()
    application.refresh_from_db()
    assert application.status == OfferApplication.Status.WITHDRAWN and application.withdrawn_at
    [notice] = mail.outbox
    assert notice.to == ["festyn@example.org"] and "wycofane" in notice.subject
    assert "piotr@example.org" not in notice.body
    assert GdprAuditEntry.objects.filter(
        action="withdraw", record_type="application", volunteer_id_ref=application.pk
    ).exists()

    # Twice is harmless: the same answer, nothing changes, nobody is told again.
    withdrawn_at = application.withdrawn_at
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url)
    assert again.status_code == 200 and "zostało wycofane" in again.content.decode()
    application.refresh_from_db()
    assert application.withdrawn_at == withdrawn_at and len(mail.outbox) == 1


def test_offers_of_ngos_have_the_link_too(client, centre, ngo_a, django_capture_on_commit_callbacks):
    profile, _editor = ngo_a
    offer = VolunteerOfferPageFactory(parent=profile, title="Oferta Alfy")
    apply(client, offer, django_capture_on_commit_callbacks)
    client.post(withdraw_link("Oferta Alfy"))
    assert OfferApplication.objects.get().status == OfferApplication.Status.WITHDRAWN


def token_of(url):
    return url.rstrip("/").rsplit("/", 1)[1]


def test_a_tampered_link_is_refused_in_polish(client, offer, centre, django_capture_on_commit_callbacks):
    apply(client, offer, django_capture_on_commit_callbacks)
    token = token_of(withdraw_link())
    signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    tampered = base64.urlsafe_b64encode((signed[:-3] + "abc").encode()).decode().rstrip("=")
    response = client.post(centre.url + centre.reverse_subpage("withdraw_application", args=[tampered]))
    assert response.status_code == 400 and "Link nie działa" in response.content.decode()
    assert OfferApplication.objects.get().status == OfferApplication.Status.NEW


def test_an_expired_link_says_so(client, offer, django_capture_on_commit_callbacks):
    apply(client, offer, django_capture_on_commit_callbacks)
    url = withdraw_link()
    with override_settings(VOLUNTEERING_WITHDRAW_LINK_MAX_AGE=-1):
        response = client.post(url)
    html = response.content.decode()
    assert response.status_code == 400 and "wygasł" in html and "napisz do organizatora" in html
    assert OfferApplication.objects.get().status == OfferApplication.Status.NEW


@pytest.mark.parametrize("token", ["x", "AAAA", "eyJ2IjoxfQ"])
def test_garbage_links_give_a_polish_400(client, centre, token):
    response = client.get(centre.url + centre.reverse_subpage("withdraw_application", args=[token]))
    assert response.status_code == 400 and "Link nie działa" in response.content.decode()


def test_a_volunteers_link_never_withdraws_an_application(client, centre, offer):
    """Same number, other kind of record: the salts differ, so the signature does not hold."""
    application = OfferApplicationFactory(offer=offer, email="a@example.org")
    volunteer = VolunteerFactory(email="a@example.org")
    volunteer.pk = application.pk
    token = services.make_token(volunteer, "withdraw")
    forged = base64.urlsafe_b64encode(
        signing.dumps({"a": application.pk, "e": "a@example.org"}, key="zly-klucz", salt="x").encode()
    ).decode()
    for bad in (token, forged.rstrip("=")):
        response = client.post(centre.url + centre.reverse_subpage("withdraw_application", args=[bad]))
        assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == OfferApplication.Status.NEW


@override_settings(VOLUNTEERING_WITHDRAWN_GRACE_DAYS=30)
def test_a_withdrawn_application_is_erased_after_the_grace_period_and_its_link_dies(
    client, offer, django_capture_on_commit_callbacks
):
    apply(client, offer, django_capture_on_commit_callbacks)
    url = withdraw_link()
    client.post(url)
    assert "w ciągu 30 dni" in client.get(url).content.decode()
    services.purge()
    assert OfferApplication.objects.get().name == "Piotr Zieliński"  # still within the grace period
    OfferApplication.objects.update(withdrawn_at=timezone.now() - datetime.timedelta(days=31))
    services.purge()
    application = OfferApplication.objects.get()
    assert application.name == services.ANONYMOUS and application.email == services.ERASED_EMAIL
    assert client.post(url).status_code == 400  # the address was part of the link


@pytest.fixture
def offer_from_7(offer):
    """The festival offer open to children from 7 (and teenagers) too."""
    offer.min_age = 7
    offer.save_revision().publish()
    return offer


@pytest.mark.parametrize(("age", "wording"), [("15", "teen"), ("10", "child")])
def test_a_minors_guardian_gets_a_receipt_with_the_withdrawal_link(
    client, offer_from_7, django_capture_on_commit_callbacks, age, wording
):
    apply(
        client,
        offer_from_7,
        django_capture_on_commit_callbacks,
        name="Julia Sowa",
        email="julia@example.org",
        age=age,
        guardian_name="Marta Sowa",
        guardian_email="marta@example.org",
        consent_wording=wording,
    )
    [receipt] = [m for m in mail.outbox if m.to == ["julia@example.org"]]
    [to_guardian] = [m for m in mail.outbox if m.to == ["marta@example.org"]]
    assert to_guardian.subject == "Zgłoszenie do oferty „Pomoc przy festynie” – informacja dla opiekuna"
    assert (
        f"Julia Sowa (lat {age}) zgłasza się do oferty wolontariatu „Pomoc przy festynie”" in to_guardian.body
    )
    assert "dziękujemy za zgłoszenie" not in to_guardian.body
    [guardian_url] = re.findall(r"http://testserver\S+", to_guardian.body)
    assert guardian_url.replace("http://testserver", "") == withdraw_link()  # the applicant's link

    # The guardian withdraws it: the application is withdrawn and the organiser told.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(guardian_url.replace("http://testserver", ""))
    assert OfferApplication.objects.get().status == OfferApplication.Status.WITHDRAWN
    assert [m.to for m in mail.outbox] == [["festyn@example.org"]]


def test_adults_and_guardians_using_their_own_address_get_one_receipt(
    client, offer_from_7, django_capture_on_commit_callbacks
):
    apply(client, offer_from_7, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["festyn@example.org", "piotr@example.org"]
    mail.outbox.clear()
    apply(
        client,
        offer_from_7,
        django_capture_on_commit_callbacks,
        email="marta@example.org",
        age="10",
        guardian_name="Marta Sowa",
        guardian_email="Marta@Example.org",
        consent_wording="child",
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["festyn@example.org", "marta@example.org"]
