"""One record per e-mail address: a second sign-up with a known address makes no second record.

The visitor sees the same page whether or not the address is known (privacy); the person behind the
address gets an e-mail with their links instead. The database enforces it too (case-insensitive), and
a race between two sign-ups ends the same way, never in a 500. A child under 13 has no address: the
same child of the same guardian (guardian's address, name, date of birth) is the same person.
"""

from contextlib import contextmanager

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from volunteering import services
from volunteering.factories import (
    OfferApplicationFactory,
    VolunteerFactory,
    VolunteerOfferPageFactory,
    born_years_ago,
)
from volunteering.models import GdprAuditEntry, Volunteer

from .test_signup import form_data, links_in, path_of, signup_url, submit

pytestmark = pytest.mark.django_db

KNOWN_SUBJECT = "Twój adres jest już w gminnej bazie wolontariuszy"


@contextmanager
def volunteering_models_at(migration: str):
    """The volunteering app's models as they were at ``migration`` (the database migrated back to it),
    for writing rows the way older code did; on leaving, the later migrations run over those rows."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    target = [("volunteering", migration)]
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("volunteering")
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    try:
        yield executor.loader.project_state(target).apps
    finally:
        MigrationExecutor(connection).migrate(latest)


def link(message, route):
    [url] = [url for url in links_in(message) if f"/{route}/" in url]
    return path_of(url)


def done_page(client, response):
    """The text of the page the visitor lands on after sending the form."""
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_second_signup_with_the_same_address_in_other_case_makes_no_second_record(
    client, centre, areas, django_capture_on_commit_callbacks
):
    first = submit(client, centre, areas, django_capture_on_commit_callbacks)
    first_page = done_page(client, first)
    original = Volunteer.objects.get()
    mail.outbox.clear()

    second = submit(
        client,
        centre,
        areas,
        django_capture_on_commit_callbacks,
        first_name="Ktoś",
        last_name="Inny",
        email="ZOFIA@Example.ORG",
        phone="700 000 000",
    )
    # Same page as for a new address: the form does not tell whether an address is in the database.
    assert done_page(client, second) == first_page
    assert "drugi zapis nie powstaje" in first_page
    assert Volunteer.objects.count() == 1
    original.refresh_from_db()
    assert (original.first_name, original.phone) == ("Zofia", "600 100 200")  # nothing overwritten

    # The person behind the address learns about it, with the link to finish the sign-up again.
    [known] = mail.outbox
    assert known.to == ["zofia@example.org"] and known.subject == KNOWN_SUBJECT
    assert "nie utworzyliśmy drugiego zapisu" in known.body
    assert centre.full_url in known.body  # where to write to change the data
    link(known, "wycofaj-zgode")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link(known, "potwierdz-email"))
    original.refresh_from_db()
    assert original.status == Volunteer.Status.ACTIVE


def test_an_active_volunteer_signing_up_again_is_told_and_can_withdraw(
    client, centre, areas, django_capture_on_commit_callbacks
):
    VolunteerFactory(first_name="Zofia", email="zofia@example.org", status=Volunteer.Status.ACTIVE)
    submit(client, centre, areas, django_capture_on_commit_callbacks, email=" Zofia@example.org ")
    assert Volunteer.objects.count() == 1
    [known] = mail.outbox  # no staff notice, no confirmation of a new record
    assert known.subject == KNOWN_SUBJECT and "Twój zapis jest aktywny" in known.body
    assert "potwierdz-email" not in known.body
    client.post(link(known, "wycofaj-zgode"))
    assert Volunteer.objects.get().status == Volunteer.Status.WITHDRAWN


def test_a_known_teen_address_sends_nothing_to_the_guardian_typed_the_second_time(
    client, centre, areas, django_capture_on_commit_callbacks
):
    VolunteerFactory(
        email="zofia@example.org",
        status=Volunteer.Status.PENDING,
        email_confirmed_at=None,
        signer=Volunteer.Signer.SELF_WITH_GUARDIAN,
        guardian_name="Marek W",
        guardian_email="marek@example.org",
    )
    submit(
        client,
        centre,
        areas,
        django_capture_on_commit_callbacks,
        date_of_birth=born_years_ago(16).isoformat(),
        guardian_name="Obcy Opiekun",
        guardian_email="obcy@example.org",
    )
    assert [m.to for m in mail.outbox] == [["zofia@example.org"]]
    assert "zgody przez rodzica lub opiekuna" in mail.outbox[0].body
    assert Volunteer.objects.get().guardian_email == "marek@example.org"


def test_after_withdrawing_a_person_may_sign_up_again(
    client, centre, areas, django_capture_on_commit_callbacks
):
    old = VolunteerFactory(email="zofia@example.org", status=Volunteer.Status.WITHDRAWN)
    offer = VolunteerOfferPageFactory(parent=centre)
    old_application = OfferApplicationFactory(offer=offer, volunteer=old, email="zofia@example.org")
    submit(client, centre, areas, django_capture_on_commit_callbacks)
    new = Volunteer.objects.exclude(pk=old.pk).get()
    assert new.status == Volunteer.Status.PENDING
    assert [m.subject for m in mail.outbox] == ["Potwierdź adres e-mail – gminna baza wolontariuszy"]
    new_application = OfferApplicationFactory(offer=offer, volunteer=new, email="zofia@example.org")
    # Erasing the old record (end of the grace period) leaves the new record's application alone.
    services.anonymise(old)
    old_application.refresh_from_db()
    new_application.refresh_from_db()
    assert old_application.email == services.ERASED_EMAIL
    assert new_application.email == "zofia@example.org" and new_application.volunteer == new


def test_a_race_between_two_signups_ends_like_a_known_address(
    client, centre, areas, django_capture_on_commit_callbacks, monkeypatch
):
    """The other sign-up is saved between our check and our insert: the database says no."""
    VolunteerFactory(email="zofia@example.org", status=Volunteer.Status.PENDING, email_confirmed_at=None)
    real = services.known_volunteer
    calls = []

    def too_late(email):
        calls.append(email)
        return None if len(calls) == 1 else real(email)  # the first look misses the other record

    monkeypatch.setattr(services, "known_volunteer", too_late)
    response = submit(client, centre, areas, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and len(calls) == 2
    assert Volunteer.objects.count() == 1
    assert [m.subject for m in mail.outbox] == [KNOWN_SUBJECT]


def test_children_without_an_address_are_not_duplicates(
    client, centre, areas, django_capture_on_commit_callbacks
):
    for first_name in ("Ola", "Jaś"):
        submit(
            client,
            centre,
            areas,
            django_capture_on_commit_callbacks,
            first_name=first_name,
            email="",
            date_of_birth=born_years_ago(9).isoformat(),
            guardian_name="Anna Nowak",
            guardian_email="anna@example.org",
        )
    assert sorted(Volunteer.objects.values_list("first_name", flat=True)) == ["Jaś", "Ola"]


def test_the_database_refuses_a_second_live_record_for_an_address(db):
    VolunteerFactory(email="jan@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerFactory(email="JAN@example.org", status=Volunteer.Status.PENDING, email_confirmed_at=None)
    # A withdrawn record does not block the address.
    VolunteerFactory(email="ewa@example.org", status=Volunteer.Status.WITHDRAWN)
    VolunteerFactory(email="Ewa@example.org")
    assert Volunteer.objects.filter(email__iexact="ewa@example.org").count() == 2


def test_staff_giving_a_record_a_taken_address_see_a_polish_error(staff_client):
    VolunteerFactory(email="jan@example.org", last_name="Pierwszy")
    other = VolunteerFactory(email="ewa@example.org", last_name="Druga")
    url = reverse("volunteering_volunteer_modeladmin_edit", args=[other.pk])
    form = staff_client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(email="Jan@Example.org", interests=[], skills=[])
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Ten adres e-mail ma już inny zapis" in response.content.decode()
    other.refresh_from_db()
    assert other.email == "ewa@example.org"


def test_form_data_for_the_second_signup_is_never_stored(client, centre, areas):
    """Even the interests of the second form stay out of the existing record."""
    volunteer = VolunteerFactory(email="zofia@example.org", interests=[areas["sport"]])
    client.post(signup_url(centre), form_data(areas))
    assert list(volunteer.interests.values_list("slug", flat=True)) == ["sport"]


@pytest.mark.django_db(transaction=True)
def test_migration_withdraws_existing_duplicates_before_the_constraint(home_page):
    """Records made before the constraint: the best one of each address stays, nothing is deleted."""
    import datetime

    with volunteering_models_at("0003_active_requires_confirmation") as apps:
        Old = apps.get_model("volunteering", "Volunteer")
        Application = apps.get_model("volunteering", "OfferApplication")
        Consent = apps.get_model("volunteering", "ConsentRecord")
        now = timezone.now()

        def person(email, status, confirmed, days_ago):
            record = Old.objects.create(
                first_name="A",
                last_name=email,
                email=email,
                status=status,
                email_confirmed_at=now if confirmed else None,
                district="belk",
            )
            Old.objects.filter(pk=record.pk).update(created_at=now - datetime.timedelta(days=days_ago))
            Consent.objects.create(volunteer=record, role="volunteer", text_version="1", text="zgoda")
            return record

        pending_first = person("jan@example.org", "pending", False, 10)
        active_later = person("JAN@example.org", "active", True, 5)
        pending_again = person("Jan@Example.org", "pending", False, 1)
        alone = person("ewa@example.org", "active", True, 3)
        offer = VolunteerOfferPageFactory(parent=home_page)
        Application.objects.create(
            offer_id=offer.pk,
            volunteer_id=pending_again.pk,
            name="Jan",
            email="jan@example.org",
            age=30,
            consent_version="oferta-1",
        )

    statuses = dict(Volunteer.objects.values_list("pk", "status"))
    assert statuses == {
        pending_first.pk: "withdrawn",
        active_later.pk: "active",  # the active one stays, even though it is not the oldest
        pending_again.pk: "withdrawn",
        alone.pk: "active",
    }
    assert not Volunteer.objects.get(pk=pending_again.pk).consents.filter(withdrawn_at__isnull=True).exists()
    application = Volunteer.objects.get(pk=active_later.pk).applications.get()
    assert application.consent_text.startswith("Zgadzam się, aby organizator oferty")  # filled in by 0006
    notes = GdprAuditEntry.objects.filter(action="withdraw").values_list("volunteer_id_ref", "note")
    assert {ref for ref, _note in notes} == {pending_first.pk, pending_again.pk}
    assert all(f"rekord nr {active_later.pk}" in note for _ref, note in notes)


CHILD = {
    "first_name": "Ola",
    "last_name": "Nowak",
    "email": "",
    "guardian_name": "Anna Nowak",
    "guardian_email": "anna@example.org",
}
KNOWN_CHILD_SUBJECT = KNOWN_SUBJECT  # one subject for both: the body says which case it is


def test_a_guardian_signing_up_the_same_child_twice_makes_no_second_record(
    client, centre, areas, django_capture_on_commit_callbacks
):
    born = born_years_ago(9).isoformat()
    first = submit(client, centre, areas, django_capture_on_commit_callbacks, date_of_birth=born, **CHILD)
    first_page = done_page(client, first)
    original = Volunteer.objects.get()
    mail.outbox.clear()

    again = {**CHILD, "first_name": "OLA", "guardian_email": "Anna@Example.org", "phone": "700 000 000"}
    second = submit(client, centre, areas, django_capture_on_commit_callbacks, date_of_birth=born, **again)
    assert done_page(client, second) == first_page  # the form does not tell whether the child is known
    assert Volunteer.objects.count() == 1
    original.refresh_from_db()
    assert (original.first_name, original.phone) == ("Ola", "600 100 200")  # nothing overwritten

    # The guardian hears about it, with the consent link once more (not yet given).
    [known] = mail.outbox
    assert known.to == ["anna@example.org"] and known.subject == KNOWN_CHILD_SUBJECT
    assert "ponownie zapisał dziecko (Ola Nowak)" in known.body
    assert "nie utworzyliśmy drugiego zapisu" in known.body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link(known, "zgoda-opiekuna"))
    original.refresh_from_db()
    assert original.status == Volunteer.Status.ACTIVE

    # Once active, a third form is told as much (no link), and a sibling is still a new record.
    mail.outbox.clear()
    submit(client, centre, areas, django_capture_on_commit_callbacks, date_of_birth=born, **CHILD)
    [known] = mail.outbox
    assert "Zapis dziecka jest aktywny." in known.body and "zgoda-opiekuna" not in known.body
    sibling = {**CHILD, "first_name": "Ola"}
    submit(
        client, centre, areas, django_capture_on_commit_callbacks, date_of_birth=born_years_ago(7), **sibling
    )
    assert Volunteer.objects.count() == 2


def test_a_race_between_two_signups_of_one_child_ends_like_a_known_child(
    client, centre, areas, django_capture_on_commit_callbacks, monkeypatch
):
    born = born_years_ago(9)
    VolunteerFactory(
        **{**CHILD, "date_of_birth": born},
        signer=Volunteer.Signer.GUARDIAN,
        status=Volunteer.Status.PENDING,
        email_confirmed_at=None,
        guardian_confirmed_at=None,
    )
    real = services.known_child
    calls = []

    def too_late(data):
        calls.append(data)
        return None if len(calls) == 1 else real(data)

    monkeypatch.setattr(services, "known_child", too_late)
    response = submit(
        client, centre, areas, django_capture_on_commit_callbacks, date_of_birth=born.isoformat(), **CHILD
    )
    assert response.status_code == 302 and len(calls) == 2
    assert Volunteer.objects.count() == 1
    assert [m.subject for m in mail.outbox] == [KNOWN_CHILD_SUBJECT]


@pytest.mark.django_db(transaction=True)
def test_migration_withdraws_children_signed_up_twice_before_the_constraint(home_page):
    """The same child of the same guardian (any letter case): the best record stays, nothing is deleted."""
    import datetime

    with volunteering_models_at("0006_offer_application_consent_text_and_withdrawal") as apps:
        Old = apps.get_model("volunteering", "Volunteer")
        now = timezone.now()
        born = datetime.date(2017, 5, 4)

        def child(first_name, guardian_email, confirmed, days_ago, date_of_birth=born):
            record = Old.objects.create(
                first_name=first_name,
                last_name="Nowak",
                email="",
                date_of_birth=date_of_birth,
                signer="guardian",
                guardian_name="Anna Nowak",
                guardian_email=guardian_email,
                guardian_confirmed_at=now if confirmed else None,
                email_confirmed_at=now if confirmed else None,
                status="active" if confirmed else "pending",
                district="belk",
            )
            Old.objects.filter(pk=record.pk).update(created_at=now - datetime.timedelta(days=days_ago))
            return record

        first = child("Ola", "anna@example.org", False, 10)
        confirmed = child("OLA", "Anna@example.org", True, 5)
        sibling = child("Ola", "anna@example.org", False, 3, date_of_birth=datetime.date(2019, 1, 2))

    statuses = dict(Volunteer.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "withdrawn", confirmed.pk: "active", sibling.pk: "pending"}
    [note] = GdprAuditEntry.objects.filter(action="withdraw", volunteer_id_ref=first.pk).values_list(
        "note", flat=True
    )
    assert f"rekord nr {confirmed.pk}" in note


def test_the_database_refuses_a_second_live_record_for_a_child(db):
    born = born_years_ago(9)
    VolunteerFactory(
        **{**CHILD, "date_of_birth": born},
        signer=Volunteer.Signer.GUARDIAN,
        guardian_confirmed_at=timezone.now(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerFactory(
            **{**CHILD, "first_name": "ola", "date_of_birth": born},
            signer=Volunteer.Signer.GUARDIAN,
            status=Volunteer.Status.PENDING,
            email_confirmed_at=None,
            guardian_confirmed_at=None,
        )


def test_polish_letters_in_another_case_do_not_make_a_second_record_of_one_child(
    client, centre, areas, django_capture_on_commit_callbacks
):
    born = born_years_ago(8).isoformat()
    child = {**CHILD, "first_name": "Łucja", "last_name": "Żak"}
    submit(client, centre, areas, django_capture_on_commit_callbacks, date_of_birth=born, **child)
    mail.outbox.clear()
    lower_case = {**child, "first_name": "łucja", "last_name": "żak"}  # SQLite's lower() keeps Ł and Ż
    submit(client, centre, areas, django_capture_on_commit_callbacks, date_of_birth=born, **lower_case)
    assert Volunteer.objects.count() == 1
    [known] = mail.outbox
    assert known.subject == KNOWN_CHILD_SUBJECT and "(Łucja Żak)" in known.body
