"""Registration for an event: the public form, capacity, waiting list, signed cancellation, promotion."""

import datetime
import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from events import services
from events.factories import EventPageFactory, RegistrationFactory
from events.models import PRIVACY_NOTICE, ConsentText, Registration
from home.protection import HONEYPOT_FIELD
from tests.events.conftest import registration_data


def post(client, event, capture, **overrides):
    with capture(execute=True):
        return client.post(event.url, registration_data(**overrides))


def cancel_link(message) -> str:
    url = re.search(r"http://testserver(/\S+rezygnacja/\?t=\S+)", message.body).group(1)
    return url


@pytest.mark.django_db
class TestPublicForm:
    def test_form_is_shown_with_consents_and_rules(self, client, event):
        html = client.get(event.url).content.decode()
        assert '<label for="id_name">Imię i nazwisko' in html
        assert 'name="accept_rules"' in html and 'name="accept_privacy"' in html
        assert "Udział po zapisie" in html  # the rules summary next to the consent
        assert "Wolne miejsca: <strong>2</strong>" in html

    def test_registration_is_confirmed_saved_with_consents_and_mailed(
        self, client, event, django_capture_on_commit_callbacks
    ):
        response = post(client, event, django_capture_on_commit_callbacks, email="Jan@Example.org")
        assert response.status_code == 200
        assert "Dziękujemy, zapis przyjęty" in response.content.decode()
        registration = Registration.objects.get()
        assert registration.status == Registration.CONFIRMED
        assert registration.email == "jan@example.org"
        assert registration.organisation == "Stowarzyszenie Przykładowe"
        assert registration.rules_consent.kind == "rules"
        assert registration.rules_consent.text == event.rules_consent_text()
        assert registration.privacy_consent.text == PRIVACY_NOTICE
        assert registration.privacy_consent.version == ConsentText.version_of(PRIVACY_NOTICE)
        assert registration.consent_given_at is not None
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["jan@example.org"]
        assert "Potwierdzenie zapisu" in message.subject
        assert "rezygnacja/?t=" in message.body

    def test_changed_rules_make_a_new_consent_version(
        self, client, event, django_capture_on_commit_callbacks
    ):
        post(client, event, django_capture_on_commit_callbacks, email="a@example.org")
        event.rules_summary = "Nowe zasady: obowiązkowa obecność na całym spotkaniu."
        event.save_revision().publish()
        post(client, event, django_capture_on_commit_callbacks, email="b@example.org")
        first, second = Registration.objects.order_by("pk")
        assert first.rules_consent != second.rules_consent
        assert "obowiązkowa obecność" in second.rules_consent.text
        assert first.privacy_consent == second.privacy_consent

    def test_full_event_puts_people_on_the_waiting_list(
        self, client, event, django_capture_on_commit_callbacks
    ):
        for number in range(2):
            post(client, event, django_capture_on_commit_callbacks, email=f"osoba{number}@example.org")
        html = client.get(event.url).content.decode()
        assert "Brak wolnych miejsc" in html and "Zapisz mnie na listę rezerwową" in html
        response = post(client, event, django_capture_on_commit_callbacks, email="trzecia@example.org")
        assert "Jesteś na liście rezerwowej" in response.content.decode()
        assert Registration.objects.get(email="trzecia@example.org").status == Registration.WAITING
        assert "Lista rezerwowa" in mail.outbox[-1].subject

    def test_full_event_without_waiting_list_refuses(self, client, event, django_capture_on_commit_callbacks):
        event.waiting_list_enabled = False
        event.capacity = 1
        event.save()
        post(client, event, django_capture_on_commit_callbacks, email="pierwsza@example.org")
        response = post(client, event, django_capture_on_commit_callbacks, email="druga@example.org")
        assert response.status_code == 200
        assert "Brak wolnych miejsc, a lista rezerwowa jest zamknięta." in response.content.decode()
        assert Registration.objects.count() == 1

    def test_same_email_twice_in_any_letter_case_is_refused(
        self, client, event, django_capture_on_commit_callbacks
    ):
        post(client, event, django_capture_on_commit_callbacks, email="jan@example.org")
        response = post(client, event, django_capture_on_commit_callbacks, email="  JAN@example.ORG ")
        html = response.content.decode()
        assert '<a href="#id_email">E-mail: Ten adres e-mail jest już zapisany na to wydarzenie.</a>' in html
        assert 'value="Jan Kowalski"' in html  # the other answers are kept
        assert Registration.objects.count() == 1

    def test_database_refuses_a_duplicate_even_without_the_service(self, event):
        RegistrationFactory(event=event, email="ala@example.org")
        with pytest.raises(IntegrityError), transaction.atomic():
            RegistrationFactory(event=event, email="ALA@example.org")
        # A cancelled registration does not block signing up again.
        Registration.objects.update(status=Registration.CANCELLED)
        RegistrationFactory(event=event, email="ala@example.org")
        assert Registration.objects.filter(email="ala@example.org").count() == 2

    @pytest.mark.parametrize(
        "overrides, field, message",
        [
            ({"name": ""}, "name", "Podaj imię i nazwisko."),
            ({"name": "J"}, "name", "co najmniej 3 znaki"),
            ({"email": "nie-adres"}, "email", "Podaj poprawny adres e-mail"),
            ({"accept_rules": ""}, "accept_rules", "Zaakceptuj regulamin"),
            ({"accept_privacy": ""}, "accept_privacy", "Zgoda na przetwarzanie danych"),
            ({"organisation": "x" * 5000}, "organisation", "co najwyżej 200 znaków"),
            ({"accessibility_needs": "x" * 5000}, "accessibility_needs", "co najwyżej 1000 znaków"),
        ],
    )
    def test_bad_input_gets_a_polish_message_and_saves_nothing(
        self, client, event, overrides, field, message
    ):
        response = client.post(event.url, registration_data(**overrides))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="error-summary"' in html
        assert f'id="id_{field}-error"' in html and message in html
        assert Registration.objects.count() == 0

    def test_garbage_post_never_fails(self, client, event):
        for data in ({}, {"name": ["a", "b"], "email": "\x00"}, {"accept_rules": "tak" * 1000}):
            assert client.post(event.url, data).status_code == 200
        assert Registration.objects.count() == 0

    def test_honeypot_rejects(self, client, event):
        response = client.post(event.url, registration_data(**{HONEYPOT_FIELD: "http://spam.example"}))
        assert "Nie udało się wysłać formularza" in response.content.decode()
        assert Registration.objects.count() == 0


@pytest.mark.django_db
class TestOpeningAndClosing:
    def test_not_open_yet(self, client, event):
        event.registration_opens_at = timezone.now() + datetime.timedelta(days=1)
        event.save()
        html = client.get(event.url).content.decode()
        assert "Zapisy rozpoczną się" in html and 'name="accept_rules"' not in html
        response = client.post(event.url, registration_data())
        assert "Zapisy zostały zamknięte, zanim wysłano formularz" in response.content.decode()
        assert Registration.objects.count() == 0

    def test_closed_after_the_deadline(self, client, event):
        event.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
        event.save()
        assert "Zapisy są zamknięte." in client.get(event.url).content.decode()
        client.post(event.url, registration_data())
        assert Registration.objects.count() == 0

    def test_closes_by_default_when_the_event_starts(self, event):
        assert event.registration_state() == "open"
        assert event.registration_state(now=event.start) == "closed"
        with pytest.raises(services.RegistrationClosed):
            services.register(event, name="Jan Kowalski", email="jan@example.org", now=event.start)

    def test_cancelled_event_takes_no_registrations(self, client, event):
        event.is_cancelled = True
        event.save()
        html = client.get(event.url).content.decode()
        assert "To wydarzenie zostało odwołane." in html and 'name="accept_rules"' not in html
        with pytest.raises(services.RegistrationClosed):
            services.register(event, name="Jan Kowalski", email="jan@example.org")


@pytest.mark.django_db
class TestCancellation:
    @pytest.fixture
    def full_event(self, client, event, django_capture_on_commit_callbacks):
        for email in (
            "pierwsza@example.org",
            "druga@example.org",
            "rezerwowa1@example.org",
            "rezerwowa2@example.org",
        ):
            post(client, event, django_capture_on_commit_callbacks, email=email)
        return event

    def test_link_asks_then_cancels_and_promotes_the_first_waiting_person(
        self, client, full_event, django_capture_on_commit_callbacks
    ):
        link = cancel_link(mail.outbox[0])
        mail.outbox.clear()
        response = client.get(link)
        html = response.content.decode()
        assert response.status_code == 200 and "Czy na pewno rezygnujesz?" in html
        assert Registration.objects.get(email="pierwsza@example.org").status == Registration.CONFIRMED

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(link)
        assert "Twoja rezygnacja została przyjęta" in response.content.decode()
        statuses = dict(Registration.objects.values_list("email", "status"))
        assert statuses == {
            "pierwsza@example.org": "cancelled",
            "druga@example.org": "confirmed",
            "rezerwowa1@example.org": "confirmed",
            "rezerwowa2@example.org": "waiting",
        }
        promoted = Registration.objects.get(email="rezerwowa1@example.org")
        assert promoted.promoted_at is not None
        recipients = {tuple(message.to): message.subject for message in mail.outbox}
        assert "Zwolniło się miejsce" in recipients[("rezerwowa1@example.org",)]
        assert "Rezygnacja przyjęta" in recipients[("pierwsza@example.org",)]
        assert ("rezerwowa2@example.org",) not in recipients

        # The same link again changes nothing.
        response = client.post(link)
        assert "został już wcześniej anulowany" in response.content.decode()
        assert Registration.objects.filter(status="confirmed").count() == 2

    def test_cancelling_from_the_waiting_list_promotes_nobody(self, client, full_event):
        waiting = Registration.objects.get(email="rezerwowa1@example.org")
        services.cancel(waiting.pk)
        assert Registration.objects.get(email="rezerwowa2@example.org").status == Registration.WAITING

    @pytest.mark.parametrize(
        "mangle", [lambda t: t[:-3] + "abc", lambda t: "x" + t, lambda t: "", lambda t: "a:b:c"]
    )
    def test_tampered_link_cancels_nothing(self, client, full_event, mangle):
        link = cancel_link(mail.outbox[0])
        base, token = link.split("?t=")
        from urllib.parse import unquote

        bad = base + "?t=" + mangle(unquote(token))
        for response in (client.get(bad), client.post(bad)):
            assert response.status_code == 404
            assert "link do rezygnacji jest nieprawidłowy" in response.content.decode()
        assert Registration.objects.filter(status="cancelled").count() == 0

    def test_a_link_for_another_event_cancels_nothing(self, client, full_event, calendar):
        other = EventPageFactory(parent=calendar, registration_enabled=True)
        registration = Registration.objects.get(email="pierwsza@example.org")
        forged = other.url + "rezygnacja/?t=" + services.make_token(registration)
        assert client.post(forged).status_code == 404
        assert Registration.objects.get(pk=registration.pk).status == Registration.CONFIRMED

    def test_staff_raising_the_capacity_promotes_waiting_people(
        self, full_event, django_capture_on_commit_callbacks
    ):
        full_event.capacity = 3
        with django_capture_on_commit_callbacks(execute=True):
            full_event.save_revision().publish()
        statuses = dict(Registration.objects.values_list("email", "status"))
        assert statuses["rezerwowa1@example.org"] == "confirmed"
        assert statuses["rezerwowa2@example.org"] == "waiting"

    def test_deleting_a_confirmed_registration_frees_its_place(
        self, full_event, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            Registration.objects.get(email="druga@example.org").delete()
        assert Registration.objects.get(email="rezerwowa1@example.org").status == Registration.CONFIRMED


@pytest.mark.django_db
def test_failing_mail_server_keeps_the_registration(
    client, event, broken_mail, django_capture_on_commit_callbacks
):
    response = post(client, event, django_capture_on_commit_callbacks)
    assert [message.to for message in broken_mail] == [["jan@example.org"]]  # the confirmation was attempted
    assert response.status_code == 200
    assert "Dziękujemy, zapis przyjęty" in response.content.decode()
    assert Registration.objects.filter(email="jan@example.org", status="confirmed").exists()
