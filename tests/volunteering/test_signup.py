"""The municipal volunteer database: sign-up, age rules, e-mail and guardian confirmation, withdrawal."""

import base64
import re

import pytest
from django.core import mail, signing
from django.test import override_settings

from volunteering import services
from volunteering.factories import born_years_ago
from volunteering.forms import CONSENT_LABELS, CONSENT_WORDING_CHANGED
from volunteering.models import ConsentRecord, GdprAuditEntry, Volunteer

pytestmark = pytest.mark.django_db


def signup_url(centre):
    return centre.url + centre.reverse_subpage("signup")


def form_data(areas, **overrides):
    data = {
        "first_name": "Zofia",
        "last_name": "Wiśniewska",
        "date_of_birth": born_years_ago(30).isoformat(),
        "email": "zofia@example.org",
        "phone": "600 100 200",
        "district": "leszczyny",
        "interests": [areas["seniorzy"].pk],
        "availability": ["weekends"],
        "languages": "angielski",
        "experience": "Pomagałam w schronisku.",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def links_in(message):
    return re.findall(r"http://testserver\S+", message.body)


def path_of(url):
    return url.replace("http://testserver", "")


def submit(client, centre, areas, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(signup_url(centre), form_data(areas, **overrides))


def test_adult_signs_up_confirms_email_and_becomes_active(
    client, centre, areas, django_capture_on_commit_callbacks
):
    response = submit(client, centre, areas, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.status == Volunteer.Status.PENDING
    assert volunteer.signer == Volunteer.Signer.SELF
    consent = volunteer.consents.get()
    assert consent.role == ConsentRecord.Role.VOLUNTEER
    assert consent.text_version == "2026-11" and "gminnej bazy wolontariuszy" in consent.text
    assert consent.given_at is not None
    to_volunteer = [m for m in mail.outbox if m.to == ["zofia@example.org"]]
    assert len(to_volunteer) == 1
    confirm, withdraw = links_in(to_volunteer[0])
    assert "potwierdz-email" in confirm and "wycofaj-zgode" in withdraw
    # Staff hear about a volunteer only once the consents are confirmed (see below).
    assert not [m for m in mail.outbox if "wolontariat@example.org" in m.to]
    # Opening the link does nothing by itself (mail scanners); the button does.
    assert client.get(path_of(confirm)).status_code == 200
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path_of(confirm))
    assert "Jesteś w gminnej bazie wolontariuszy" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE and volunteer.email_confirmed_at
    # Now the staff notice goes out (to the centre's address too), without personal data.
    staff = [m for m in mail.outbox if "wolontariat@example.org" in m.to]
    assert len(staff) == 1
    html = staff[0].alternatives[0][0]
    for text in (staff[0].body, html, staff[0].subject):
        assert "Zofia" not in text and "zofia@example.org" not in text
    assert f"rekord nr {volunteer.pk}" in staff[0].body


def test_teen_needs_guardian_and_activates_only_after_both_confirm(
    client, centre, areas, django_capture_on_commit_callbacks
):
    response = submit(
        client,
        centre,
        areas,
        django_capture_on_commit_callbacks,
        date_of_birth=born_years_ago(15).isoformat(),
        guardian_name="Marek Wiśniewski",
        guardian_email="marek@example.org",
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.signer == Volunteer.Signer.SELF_WITH_GUARDIAN
    guardian_mail = [m for m in mail.outbox if m.to == ["marek@example.org"]][0]
    assert "zgod" in guardian_mail.body and "lat 15" in guardian_mail.body
    guardian_link, guardian_withdraw = links_in(guardian_mail)
    volunteer_link = links_in([m for m in mail.outbox if m.to == ["zofia@example.org"]][0])[0]

    client.post(path_of(volunteer_link))
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PENDING  # the guardian has not agreed yet
    assert "wycofaj-zgode" in guardian_withdraw

    page = client.get(path_of(guardian_link)).content.decode()
    assert "prosi o Państwa zgodę" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path_of(guardian_link))
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
    assert volunteer.consents.filter(role=ConsentRecord.Role.GUARDIAN, text_version="2026-11").exists()


def test_child_under_13_is_signed_by_guardian_and_may_have_no_email(
    client, centre, areas, django_capture_on_commit_callbacks
):
    response = submit(
        client,
        centre,
        areas,
        django_capture_on_commit_callbacks,
        date_of_birth=born_years_ago(10).isoformat(),
        email="",
        guardian_name="Ewa Nowak",
        guardian_email="ewa@example.org",
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.signer == Volunteer.Signer.GUARDIAN
    assert volunteer.consents.get().role == ConsentRecord.Role.GUARDIAN
    guardian_mail = mail.outbox[0]
    assert guardian_mail.to == ["ewa@example.org"]
    assert "zapisali Państwo dziecko" in guardian_mail.body
    page = client.get(path_of(links_in(guardian_mail)[0])).content.decode()
    assert "Zapisali Państwo dziecko" in page
    client.post(path_of(links_in(guardian_mail)[0]))
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE


@pytest.mark.parametrize(
    ("years", "overrides", "field", "message"),
    [
        (15, {"guardian_name": "", "guardian_email": ""}, "guardian_email", "podaj e-mail opiekuna"),
        (
            15,
            {"guardian_name": "", "guardian_email": "m@example.org"},
            "guardian_name",
            "podaj imię i nazwisko opiekuna",
        ),
        (
            16,
            {"guardian_name": "X Y", "guardian_email": "zofia@example.org"},
            "guardian_email",
            "musi być inny",
        ),
        (10, {"guardian_name": "X Y", "guardian_email": ""}, "guardian_email", "podaj e-mail opiekuna"),
        (
            14,
            {"email": "", "guardian_name": "X Y", "guardian_email": "m@example.org"},
            "email",
            "Podaj adres e-mail wolontariusza",
        ),
        (5, {}, "date_of_birth", "od 7 lat"),
        (30, {"consent": None}, "consent", "Bez zgody"),
        (30, {"interests": []}, "interests", "co najmniej jeden"),
    ],
)
def test_age_and_consent_rules_are_enforced_server_side(
    client, centre, areas, years, overrides, field, message
):
    data = form_data(areas, date_of_birth=born_years_ago(years).isoformat(), **overrides)
    response = client.post(signup_url(centre), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in str(error) for error in form.errors[field]), form.errors
    html = response.content.decode()
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert 'value="Zofia"' in html  # other answers kept
    assert not Volunteer.objects.exists() and not mail.outbox


def test_future_date_of_birth_rejected(client, centre, areas):
    response = client.post(signup_url(centre), form_data(areas, date_of_birth="2099-01-01"))
    assert "z przyszłości" in str(response.context["form"].errors["date_of_birth"])


def test_adult_guardian_fields_are_not_stored(client, centre, areas):
    client.post(signup_url(centre), form_data(areas, guardian_name="Ktoś", guardian_email="k@example.org"))
    volunteer = Volunteer.objects.get()
    assert volunteer.guardian_name == "" and volunteer.guardian_email == ""


def test_saved_even_when_mail_server_fails(
    client, centre, areas, django_capture_on_commit_callbacks, broken_mail
):
    response = submit(client, centre, areas, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Volunteer.objects.count() == 1
    assert [message.to for message in broken_mail] == [["zofia@example.org"]]  # it was tried


def test_honeypot_rejects_bots(client, centre, areas):
    response = client.post(signup_url(centre), form_data(areas, website_url="http://spam.example"))
    assert response.status_code == 200 and not Volunteer.objects.exists()


def test_withdrawal_link_in_every_mail_deactivates_and_records(
    client, centre, areas, django_capture_on_commit_callbacks
):
    submit(client, centre, areas, django_capture_on_commit_callbacks)
    volunteer = Volunteer.objects.get()
    first = [m for m in mail.outbox if m.to == ["zofia@example.org"]][0]
    confirm, withdraw = links_in(first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path_of(confirm))
    welcome = [m for m in mail.outbox if m.subject.startswith("Witamy")][0]
    assert "wycofaj-zgode" in welcome.body
    with (
        override_settings(VOLUNTEERING_WITHDRAWN_GRACE_DAYS=45),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(path_of(withdraw))
    assert "Zgoda została wycofana" in response.content.decode()
    goodbye = [m for m in mail.outbox if m.subject.startswith("Zgoda wycofana")][0]
    assert "Dane usuniemy w ciągu 45 dni." in goodbye.body  # the configured period, not a fixed one
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.WITHDRAWN and volunteer.withdrawn_at
    assert not volunteer.consents.filter(withdrawn_at__isnull=True).exists()
    assert GdprAuditEntry.objects.filter(action="withdraw", volunteer_id_ref=volunteer.pk).exists()
    # A later confirmation cannot reactivate a withdrawn record.
    client.post(path_of(confirm))
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.WITHDRAWN


def test_guardian_can_withdraw_too(client, centre, areas, django_capture_on_commit_callbacks):
    submit(
        client,
        centre,
        areas,
        django_capture_on_commit_callbacks,
        date_of_birth=born_years_ago(15).isoformat(),
        guardian_name="Marek W",
        guardian_email="marek@example.org",
    )
    guardian_mail = [m for m in mail.outbox if m.to == ["marek@example.org"]][0]
    client.post(path_of(links_in(guardian_mail)[1]))
    assert Volunteer.objects.get().status == Volunteer.Status.WITHDRAWN


class TestSignedLinks:
    def test_tampered_token_is_rejected(self, client, centre):
        volunteer = Volunteer.objects.create(
            first_name="A", last_name="B", email="a@example.org", district="belk"
        )
        token = services.make_token(volunteer, "email")
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        value, signature = signed.rsplit(":", 1)
        tampered = value.replace(value.split(":")[0], value.split(":")[0][:-2] + "xx") + ":" + signature
        bad = base64.urlsafe_b64encode(tampered.encode()).decode().rstrip("=")
        response = client.post(centre.url + centre.reverse_subpage("confirm_email", args=[bad]))
        assert response.status_code == 400 and "nieprawidłowy" in response.content.decode()
        volunteer.refresh_from_db()
        assert volunteer.email_confirmed_at is None

    def test_token_for_another_purpose_is_rejected(self, client, centre):
        volunteer = Volunteer.objects.create(
            first_name="A",
            last_name="B",
            email="a@example.org",
            district="belk",
            signer=Volunteer.Signer.SELF_WITH_GUARDIAN,
            guardian_email="g@example.org",
            guardian_name="G",
        )
        email_token = services.make_token(volunteer, "email")
        response = client.post(centre.url + centre.reverse_subpage("guardian_consent", args=[email_token]))
        assert response.status_code == 400
        volunteer.refresh_from_db()
        assert volunteer.guardian_confirmed_at is None

    def test_forged_payload_with_other_key_is_rejected(self, client, centre):
        volunteer = Volunteer.objects.create(
            first_name="A", last_name="B", email="a@example.org", district="belk"
        )
        forged = signing.dumps(
            {"v": volunteer.pk, "e": volunteer.email}, key="not-the-secret", salt=services.SALTS["email"]
        )
        forged = base64.urlsafe_b64encode(forged.encode()).decode().rstrip("=")
        response = client.post(centre.url + centre.reverse_subpage("confirm_email", args=[forged]))
        assert response.status_code == 400

    def test_expired_link(self, client, centre):
        volunteer = Volunteer.objects.create(
            first_name="A", last_name="B", email="a@example.org", district="belk"
        )
        token = services.make_token(volunteer, "email")
        with override_settings(VOLUNTEERING_LINK_MAX_AGE=-1):
            response = client.post(centre.url + centre.reverse_subpage("confirm_email", args=[token]))
        assert response.status_code == 400 and "wygasł" in response.content.decode()
        volunteer.refresh_from_db()
        assert volunteer.email_confirmed_at is None

    def test_link_dies_when_address_changes(self, client, centre):
        volunteer = Volunteer.objects.create(
            first_name="A", last_name="B", email="a@example.org", district="belk"
        )
        token = services.make_token(volunteer, "withdraw")
        Volunteer.objects.filter(pk=volunteer.pk).update(email="inny@example.org")
        response = client.post(centre.url + centre.reverse_subpage("withdraw", args=[token]))
        assert response.status_code == 400


def test_database_requires_guardian_for_minors(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Volunteer.objects.create(
            first_name="A", last_name="B", district="belk", signer=Volunteer.Signer.GUARDIAN
        )


@pytest.mark.parametrize("token", ["x", "not-base64-at-all", "AAAA", "eyJ2IjoxfQ"])
def test_garbage_tokens_give_a_polish_400_not_a_500(client, centre, token):
    for route in ("confirm_email", "guardian_consent", "withdraw"):
        response = client.post(centre.url + centre.reverse_subpage(route, args=[token]))
        assert response.status_code == 400
        assert "Link nie działa" in response.content.decode()


def test_every_answer_of_the_form_is_stored(
    client, centre, club_index, areas, skills, django_capture_on_commit_callbacks
):
    from volunteering.factories import VolunteerClubPageFactory

    club = VolunteerClubPageFactory(parent=club_index, title="Koło przy SP 2")
    html = client.get(signup_url(centre)).content.decode()
    for label in (
        "Imię wolontariusza",
        "E-mail wolontariusza",
        "Telefon",
        "Data urodzenia wolontariusza",
        "Dzielnica / sołectwo zamieszkania",
        "Zainteresowania",
        "Umiejętności",
        "Dostępność",
        "Języki obce",
        "Doświadczenie",
        "Szkolne koło wolontariatu",
        "Koło przy SP 2",
    ):
        assert label in html, label
    submit(
        client,
        centre,
        areas,
        django_capture_on_commit_callbacks,
        skills=[skills["komputer"].pk, skills["jezyki"].pk],
        availability=["weekends", "evenings"],
        interests=[areas["seniorzy"].pk, areas["sport"].pk],
        club=club.pk,
    )
    volunteer = Volunteer.objects.get()
    assert (volunteer.first_name, volunteer.last_name) == ("Zofia", "Wiśniewska")
    assert volunteer.email == "zofia@example.org" and volunteer.phone == "600 100 200"
    assert volunteer.date_of_birth == born_years_ago(30)
    assert volunteer.district == "leszczyny"
    assert set(volunteer.interests.values_list("slug", flat=True)) == {"seniorzy", "sport"}
    assert set(volunteer.skills.values_list("slug", flat=True)) == {"komputer", "jezyki"}
    assert sorted(volunteer.availability) == ["evenings", "weekends"]
    assert volunteer.languages == "angielski" and volunteer.experience == "Pomagałam w schronisku."
    assert volunteer.club == club


@pytest.mark.parametrize(
    ("years", "wording"),
    [
        (30, "Wyrażam zgodę na przetwarzanie moich danych osobowych"),
        (15, "zapis zacznie działać, gdy rodzic lub opiekun potwierdzi zgodę"),
        (10, "Jako rodzic lub opiekun wyrażam zgodę na przetwarzanie danych osobowych dziecka"),
    ],
)
def test_consent_is_worded_for_who_signs_when_the_form_comes_back(client, centre, areas, years, wording):
    """13–17 sign with the guardian's consent, under 13 the guardian signs: the label says so."""
    data = form_data(areas, date_of_birth=born_years_ago(years).isoformat(), consent=None)
    response = client.post(signup_url(centre), data)
    assert response.status_code == 200 and not Volunteer.objects.exists()
    label = response.context["form"]["consent"].label
    assert wording in str(label)
    others = {15: "Jako rodzic", 30: "Jako rodzic", 10: "zapis zacznie działać"}
    assert others[years] not in str(label)
    html = response.content.decode()
    assert 'data-label-child="Jako rodzic lub opiekun wyrażam zgodę' in html  # for the page script


@pytest.mark.parametrize(
    ("years", "shown", "extra"),
    [
        (30, "adult", {}),
        (15, "teen", {"guardian_name": "Marta Sowa", "guardian_email": "marta@example.org"}),
        (10, "child", {"email": "", "guardian_name": "Marta Sowa", "guardian_email": "marta@example.org"}),
        (15, None, {"guardian_name": "Marta Sowa", "guardian_email": "marta@example.org"}),  # no page script
    ],
)
def test_the_consent_keeps_the_words_that_were_ticked(
    client, centre, areas, django_capture_on_commit_callbacks, years, shown, extra
):
    """The record holds the ticked words (worded for who signs) and then the Centre's clause."""
    response = submit(
        client,
        centre,
        areas,
        django_capture_on_commit_callbacks,
        date_of_birth=born_years_ago(years).isoformat(),
        consent_wording=shown,
        **extra,
    )
    assert response.status_code == 302
    consent = Volunteer.objects.get().consents.get()
    words = str(CONSENT_LABELS[shown or "any"])
    assert consent.text == f"{words}\n\n{centre.consent_text.strip()}"
    assert consent.text_version == centre.consent_version


def test_words_for_another_age_are_refused_and_nothing_is_saved(client, centre, areas):
    """Adult words ticked, then the date of birth changed to a 15-year-old's without the page script."""
    data = form_data(
        areas,
        date_of_birth=born_years_ago(15).isoformat(),
        guardian_name="Marta Sowa",
        guardian_email="marta@example.org",
        consent_wording="adult",
    )
    response = client.post(signup_url(centre), data)
    assert response.status_code == 200 and not Volunteer.objects.exists()
    form = response.context["form"]
    assert CONSENT_WORDING_CHANGED in form.errors["consent"]
    html = response.content.decode()
    # Shown again with the 13–17 words, and the hidden field now says so; the other answers are kept.
    assert 'name="consent_wording" value="teen"' in html
    assert str(CONSENT_LABELS["teen"]) in str(form["consent"].label)
    assert 'value="Marta Sowa"' in html
