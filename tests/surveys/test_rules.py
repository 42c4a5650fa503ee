"""Response rules: opening and closing, anonymity, one response per person or organisation."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from surveys import services
from surveys.factories import SurveyPageFactory, SurveyResponseFactory, question
from surveys.models import SurveyPage, SurveyResponse

pytestmark = pytest.mark.django_db

SIMPLE = [
    question("scale", "ocena", "Ocena współpracy", points=5),
    question("long_text", "uwagi", "Uwagi", required=False),
]


@pytest.fixture
def per_person(survey_index):
    return SurveyPageFactory(parent=survey_index, questions=SIMPLE, response_mode=SurveyPage.Mode.PER_PERSON)


@pytest.fixture
def per_org(survey_index):
    return SurveyPageFactory(
        parent=survey_index, questions=SIMPLE, response_mode=SurveyPage.Mode.PER_ORGANISATION
    )


def link_from(message) -> str:
    return re.search(r"http://testserver(\S+/potwierdz/\S+/)", message.body).group(1)


def test_before_opening_a_clear_message_and_no_form(client, survey_index):
    opens = timezone.now() + datetime.timedelta(days=3)
    survey = SurveyPageFactory(parent=survey_index, questions=SIMPLE, opens_at=opens)
    response = client.get(survey.url)
    html = response.content.decode()
    assert "Ankieta nie jest jeszcze otwarta" in html
    assert '<form class="cop-form"' not in html
    client.post(survey.url, {"ocena": "3"})
    assert not SurveyResponse.objects.exists()


def test_after_closing_a_clear_message_and_no_form(client, survey_index):
    survey = SurveyPageFactory(
        parent=survey_index,
        questions=SIMPLE,
        opens_at=timezone.now() - datetime.timedelta(days=10),
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    html = client.get(survey.url).content.decode()
    assert "Ankieta jest zamknięta" in html
    assert '<form class="cop-form"' not in html
    client.post(survey.url, {"ocena": "3"})
    assert not SurveyResponse.objects.exists()


def test_open_and_close_dates_are_validated(survey_index):
    from django.core.exceptions import ValidationError

    survey = SurveyPageFactory.build(
        questions=SIMPLE, opens_at=timezone.now(), closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as caught:
        survey.clean()
    assert "closes_at" in caught.value.message_dict
    survey = SurveyPageFactory.build(questions=SIMPLE, closes_at=None, publish_results=True)
    with pytest.raises(ValidationError) as caught:
        survey.clean()
    assert "publish_results" in caught.value.message_dict


def test_anonymous_response_stores_nothing_identifying(client, survey, valid_answers, staff_user):
    client.force_login(staff_user)
    response = client.post(
        survey.url, valid_answers, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Mozilla/5.0 Testowa"
    )
    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    identifying = {"203.0.113.77", staff_user.username, staff_user.email, "Mozilla/5.0 Testowa"}
    columns = {}
    for field in SurveyResponse._meta.concrete_fields:
        columns[field.attname] = field.value_from_object(stored)
    # Every stored column, one by one: no e-mail, organisation, address, account or agent.
    assert set(columns) == {
        "id",
        "survey_id",
        "submitted_at",
        "status",
        "confirmed_at",
        "organisation_id",
        "email",
        "answers",
    }
    assert columns["email"] == "" and columns["organisation_id"] is None
    for name, value in columns.items():
        for secret in identifying:
            assert secret not in str(value), (name, secret)
    # Time is kept to the hour only, so it cannot be matched against server logs.
    assert stored.submitted_at.minute == 0 and stored.submitted_at.second == 0
    assert stored.confirmed_at.minute == 0 and stored.confirmed_at.second == 0
    assert stored.status == SurveyResponse.Status.CONFIRMED


def test_anonymous_survey_cannot_store_an_email_even_from_code(survey):
    stored = SurveyResponse.objects.create(survey=survey, email="jan@example.org", answers={})
    stored.refresh_from_db()
    assert stored.email == ""


def test_per_person_needs_an_email_and_a_confirmation(submit, client, per_person):
    response = client.post(per_person.url, {"ocena": "4"})
    assert response.context["form"].errors["email"] == ["Podaj adres e-mail."]
    response = submit(per_person.url, {"ocena": "4", "email": "Anna.Nowak@Example.org"})
    assert response["Location"].endswith("/sprawdz-poczte/")
    pending = SurveyResponse.objects.get()
    assert pending.status == SurveyResponse.Status.PENDING
    assert pending.email == "anna.nowak@example.org"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna.nowak@example.org"]
    # Pending responses do not count.
    assert services.survey_results(per_person).total == 0

    link = link_from(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and "Potwierdzam odpowiedź" in page.content.decode()
    pending.refresh_from_db()
    assert pending.status == SurveyResponse.Status.PENDING  # opening the link alone confirms nothing
    page = client.post(link)
    assert "Odpowiedź potwierdzona" in page.content.decode()
    pending.refresh_from_db()
    assert pending.status == SurveyResponse.Status.CONFIRMED and pending.confirmed_at
    assert services.survey_results(per_person).total == 1
    # Clicking again is harmless.
    assert client.post(link).status_code == 200
    assert SurveyResponse.objects.confirmed().count() == 1


def test_second_confirmed_response_of_a_person_replaces_the_first(submit, client, per_person):
    submit(per_person.url, {"ocena": "1", "email": "anna@example.org"})
    submit(per_person.url, {"ocena": "5", "email": "anna@example.org"})
    first, second = (link_from(message) for message in mail.outbox)
    client.post(first)
    page = client.post(second)
    assert "zastąpiła poprzednią" in page.content.decode()
    confirmed = SurveyResponse.objects.confirmed().get()
    assert confirmed.answers["ocena"] == 5
    # The replaced response's link now says so instead of confirming anything.
    page = client.post(first)
    assert page.status_code == 400 and "została zastąpiona" in page.content.decode()
    assert SurveyResponse.objects.confirmed().get().answers["ocena"] == 5


def test_tampered_or_foreign_links_confirm_nothing(submit, client, per_person, survey_index):
    submit(per_person.url, {"ocena": "2", "email": "anna@example.org"})
    link = link_from(mail.outbox[0])
    base, token = link.split("/potwierdz/")
    base, token = base + "/potwierdz", token.rstrip("/")
    pending = SurveyResponse.objects.get()

    # A changed signature.
    bad = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    page = client.post(f"{base}/{bad}/")
    assert page.status_code == 400 and "Link jest nieprawidłowy" in page.content.decode()
    # A validly signed token for another response id (forged without the key) is impossible; a token
    # signed with another salt or for another survey is refused too.
    other = signing.dumps(
        {"r": pending.pk, "s": per_person.pk, "w": services.respondent_fingerprint(pending)}, salt="inna-sol"
    )
    assert client.post(f"{base}/{other.replace(':', '/')}/").status_code == 400
    foreign_survey = SurveyPageFactory(
        parent=survey_index, questions=SIMPLE, response_mode=SurveyPage.Mode.PER_PERSON
    )
    assert client.post(foreign_survey.url + f"potwierdz/{token}/").status_code == 400
    # A token whose bound e-mail no longer matches the row (the row was changed) is refused.
    SurveyResponse.objects.filter(pk=pending.pk).update(email="ktos@example.org")
    assert client.post(link).status_code == 400
    pending.refresh_from_db()
    assert pending.status == SurveyResponse.Status.PENDING


def test_expired_link_is_refused(submit, client, per_person, monkeypatch):
    submit(per_person.url, {"ocena": "2", "email": "anna@example.org"})
    link = link_from(mail.outbox[0])
    monkeypatch.setattr(services, "CONFIRM_MAX_AGE", datetime.timedelta(seconds=-1))
    page = client.post(link)
    assert page.status_code == 400 and "Link wygasł" in page.content.decode()


def test_link_after_closing_is_refused(submit, client, per_person):
    submit(per_person.url, {"ocena": "2", "email": "anna@example.org"})
    link = link_from(mail.outbox[0])
    SurveyPage.objects.filter(pk=per_person.pk).update(
        closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    page = client.post(link)
    assert page.status_code == 400 and "zamknięta" in page.content.decode()
    assert not SurveyResponse.objects.confirmed().exists()


def test_per_organisation_sends_the_link_to_the_organisations_address(submit, client, per_org, make_ngo):
    ngo = make_ngo("Stowarzyszenie Razem dla Bełku", email="zarzad@razem.example.org")
    other = make_ngo("Fundacja Dębieńsko", email="fundacja@example.org")
    form_html = client.get(per_org.url).content.decode()
    assert "Stowarzyszenie Razem dla Bełku" in form_html and "Fundacja Dębieńsko" in form_html

    response = client.post(per_org.url, {"ocena": "3"})
    assert response.context["form"].errors["organisation"] == ["Wybierz organizację."]
    submit(per_org.url, {"ocena": "3", "organisation": ngo.pk})
    submit(per_org.url, {"ocena": "5", "organisation": ngo.pk})
    submit(per_org.url, {"ocena": "1", "organisation": other.pk})
    assert [message.to for message in mail.outbox] == [
        ["zarzad@razem.example.org"],
        ["zarzad@razem.example.org"],
        ["fundacja@example.org"],
    ]
    stored = SurveyResponse.objects.order_by("pk").first()
    assert stored.organisation == ngo and stored.email == ""
    for message in mail.outbox:
        client.post(link_from(message))
    confirmed = {r.organisation_id: r.answers["ocena"] for r in SurveyResponse.objects.confirmed()}
    assert confirmed == {ngo.pk: 5, other.pk: 1}


def test_organisation_without_email_cannot_answer(submit, client, per_org, make_ngo):
    ngo = make_ngo("Koło Gospodyń Wiejskich w Palowicach", email="")
    response = submit(per_org.url, {"ocena": "3", "organisation": ngo.pk})
    assert "nie ma adresu e-mail w bazie" in response.context["form"].errors["organisation"][0]
    assert not SurveyResponse.objects.exists()


def test_database_allows_one_confirmed_response_per_person(per_person):
    SurveyResponseFactory(survey=per_person, email="anna@example.org")
    SurveyResponseFactory(survey=per_person, email="anna@example.org", status="pending", confirmed_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponseFactory(survey=per_person, email="anna@example.org")


def test_database_allows_one_confirmed_response_per_organisation(per_org, make_ngo):
    ngo = make_ngo("Fundacja Czuchów")
    SurveyResponseFactory(survey=per_org, organisation=ngo)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponseFactory(survey=per_org, organisation=ngo)


def test_save_first_notify_after_a_failing_mail_server_loses_nothing(
    submit, client, per_person, broken_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(per_person.url, {"ocena": "4", "email": "anna@example.org"})
    assert broken_mail  # the confirmation e-mail was attempted and refused
    assert response.status_code == 302
    assert SurveyResponse.objects.filter(email="anna@example.org").exists()


def test_staff_notice_has_no_answers(client, survey_index, django_capture_on_commit_callbacks):
    survey = SurveyPageFactory(parent=survey_index, questions=SIMPLE, notify_email="cop@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(survey.url, {"ocena": "4", "uwagi": "Poufna uwaga"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["cop@example.org"] and "Poufna uwaga" not in mail.outbox[0].body


@override_settings(COP_FORM_RATE="2/h")
def test_survey_posts_are_rate_limited_per_address(client, survey_index):
    survey = SurveyPageFactory(parent=survey_index, questions=SIMPLE)
    statuses = [client.post(survey.url, {"ocena": "3"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert SurveyResponse.objects.count() == 2
    assert client.get(survey.url).status_code == 200
