"""The public form protection and the shared form include, exercised through the contact form."""

from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django_recaptcha.client import RecaptchaResponse
from wagtail.contrib.forms.models import FormSubmission

from home.factories import ContactFormFieldFactory, ContactFormPageFactory
from home.protection import HONEYPOT_FIELD


@pytest.fixture
def contact(home_page):
    page = ContactFormPageFactory(parent=home_page)
    ContactFormFieldFactory(
        page=page, label="Imię i nazwisko", field_type="singleline", help_text="Jak się do Ciebie zwracać."
    )
    ContactFormFieldFactory(page=page, label="E-mail", field_type="email")
    ContactFormFieldFactory(page=page, label="Wiadomość", field_type="multiline")
    return page


VALID = {"imie_i_nazwisko": "Jan Kowalski", "e_mail": "jan@example.org", "wiadomosc": "Dzień dobry"}


@pytest.mark.django_db
class TestFormInclude:
    def test_errors_are_summarised_linked_and_answers_kept(self, client, contact):
        response = client.post(contact.url, {"imie_i_nazwisko": "Jan Kowalski", "e_mail": "to-nie-email"})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="error-summary"' in html and 'role="alert"' in html
        assert '<a href="#id_e_mail">E-mail: ' in html
        assert '<a href="#id_wiadomosc">Wiadomość: To pole jest wymagane.</a>' in html
        assert 'value="Jan Kowalski"' in html  # the other answers are kept
        assert 'aria-invalid="true"' in html and 'aria-describedby="id_wiadomosc-error"' in html
        assert 'aria-describedby="id_imie_i_nazwisko-hint"' in html
        assert '<label for="id_imie_i_nazwisko">' in html
        assert FormSubmission.objects.count() == 0

    def test_valid_post_is_saved_and_mailed(self, client, contact, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(contact.url, VALID)
        assert response.status_code == 200
        assert "Dziękujemy" in response.content.decode()
        submission = FormSubmission.objects.get()
        assert submission.get_data()["wiadomosc"] == "Dzień dobry"
        assert HONEYPOT_FIELD not in submission.form_data
        [message] = mail.outbox
        assert message.to == ["cop@example.org"] and message.subject == contact.subject
        assert "Dzień dobry" in message.body and HONEYPOT_FIELD not in message.body
        assert message.extra_headers == {"Auto-Submitted": "auto-generated"}


@pytest.mark.django_db
class TestProtection:
    def test_honeypot_rejects_and_saves_nothing(self, client, contact):
        response = client.post(contact.url, {**VALID, HONEYPOT_FIELD: "http://spam.example"})
        assert response.status_code == 200
        assert "Nie udało się wysłać formularza" in response.content.decode()
        assert FormSubmission.objects.count() == 0

    def test_honeypot_is_rendered_out_of_sight(self, client, contact):
        html = client.get(contact.url).content.decode()
        assert 'class="hp-field" aria-hidden="true"' in html
        assert f'name="{HONEYPOT_FIELD}"' in html and 'tabindex="-1"' in html

    @override_settings(COP_FORM_RATE="3/h")
    def test_rate_limit_per_address(self, client, contact):
        for _ in range(3):
            assert client.post(contact.url, VALID).status_code == 200
        response = client.post(contact.url, VALID)
        assert response.status_code == 429
        assert "Zbyt wiele prób" in response.content.decode()
        assert FormSubmission.objects.count() == 3
        # Another address is not affected, and reading the page is never limited.
        assert client.post(contact.url, VALID, REMOTE_ADDR="10.0.0.2").status_code == 200
        assert client.get(contact.url).status_code == 200

    def test_captcha_absent_without_keys(self, client, contact):
        assert "g-recaptcha" not in client.get(contact.url).content.decode()

    @override_settings(RECAPTCHA_PUBLIC_KEY="public-key", RECAPTCHA_PRIVATE_KEY="private-key")
    def test_failed_captcha_rejects_the_form(self, client, contact):
        assert "g-recaptcha" in client.get(contact.url).content.decode()
        with mock.patch(
            "django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=False)
        ):
            response = client.post(contact.url, {**VALID, "g-recaptcha-response": "zly-token"})
        assert response.status_code == 200
        assert "Weryfikacja nie powiodła się" in response.content.decode()
        assert FormSubmission.objects.count() == 0

    @override_settings(RECAPTCHA_PUBLIC_KEY="public-key", RECAPTCHA_PRIVATE_KEY="private-key")
    def test_passed_captcha_saves_without_storing_the_token(self, client, contact):
        with mock.patch(
            "django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)
        ):
            response = client.post(contact.url, {**VALID, "g-recaptcha-response": "dobry-token"})
        assert response.status_code == 200
        assert "captcha" not in FormSubmission.objects.get().form_data

    def test_mail_failure_never_loses_the_submission(
        self, client, contact, broken_mail, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(contact.url, VALID)
        assert broken_mail  # the form's e-mail was attempted and refused
        assert response.status_code == 200
        assert "Dziękujemy" in response.content.decode()
        assert FormSubmission.objects.count() == 1
