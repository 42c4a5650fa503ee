"""Staff registry: filters, search, inspect, export; suggested matches with reasons; GDPR export/erase/purge."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from volunteering import services
from volunteering.factories import (
    OfferApplicationFactory,
    VolunteerClubPageFactory,
    VolunteerFactory,
    VolunteerOfferPageFactory,
    born_years_ago,
)
from volunteering.models import ConsentRecord, GdprAuditEntry, HoursEntry, OfferApplication, Volunteer

pytestmark = pytest.mark.django_db
INDEX = "volunteering_volunteer_modeladmin_index"


@pytest.fixture
def people(areas, skills, club_index):
    club = VolunteerClubPageFactory(parent=club_index, title="Koło przy SP 3")
    adult = VolunteerFactory(
        first_name="Anna",
        last_name="Dorosła",
        district="belk",
        interests=[areas["seniorzy"]],
        skills=[skills["komputer"]],
    )
    teen = VolunteerFactory(
        first_name="Tomek",
        last_name="Nastolatek",
        date_of_birth=born_years_ago(15),
        district="czuchow",
        signer=Volunteer.Signer.SELF_WITH_GUARDIAN,
        guardian_name="Jan Nastolatek",
        guardian_email="jan.n@example.org",
        guardian_confirmed_at=timezone.now(),
        interests=[areas["ekologia"]],
        club=club,
    )
    senior = VolunteerFactory(
        first_name="Helena",
        last_name="Seniorka",
        date_of_birth=born_years_ago(70),
        district="belk",
        interests=[areas["seniorzy"]],
    )
    pending = VolunteerFactory(
        first_name="Paweł",
        last_name="Niepotwierdzony",
        status=Volunteer.Status.PENDING,
        email_confirmed_at=None,
    )
    return {"adult": adult, "teen": teen, "senior": senior, "pending": pending, "club": club}


def names(response):
    return (
        sorted(v.last_name for v in response.context["view"].queryset) if "view" in response.context else []
    )


def listed(staff_client, **params):
    html = staff_client.get(reverse(INDEX), params).content.decode()
    return {name for name in ("Dorosła", "Nastolatek", "Seniorka", "Niepotwierdzony") if name in html}


def test_filters_and_search(staff_client, people, areas, skills):
    assert listed(staff_client) == {"Dorosła", "Nastolatek", "Seniorka", "Niepotwierdzony"}
    assert listed(staff_client, status__exact="pending") == {"Niepotwierdzony"}
    assert listed(staff_client, district__exact="belk") == {"Dorosła", "Seniorka"}
    assert listed(staff_client, obszar=areas["ekologia"].pk) == {"Nastolatek"}
    assert listed(staff_client, umiejetnosc=skills["komputer"].pk) == {"Dorosła"}
    assert listed(staff_client, wiek="teen") == {"Nastolatek"}
    assert listed(staff_client, wiek="senior") == {"Seniorka"}
    assert listed(staff_client, kolo=people["club"].pk) == {"Nastolatek"}
    assert listed(staff_client, q="Helena") == {"Seniorka"}


def test_inspect_and_export(staff_client, people):
    teen = people["teen"]
    html = staff_client.get(
        reverse("volunteering_volunteer_modeladmin_inspect", args=[teen.pk])
    ).content.decode()
    assert "jan.n@example.org" in html and "Nastolatek" in html
    csv = staff_client.get(reverse(INDEX), {"export": "csv"})
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Nastolatek" in body and "Ekologia" in body and "weekendy" in body
    xlsx = staff_client.get(reverse(INDEX), {"export": "xlsx"})
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]


@pytest.mark.parametrize("rows", [2, 30])
def test_registry_query_budget(staff_client, areas, rows, django_assert_max_num_queries):
    for _n in range(rows):
        VolunteerFactory(interests=[areas["sport"]])
    staff_client.get(reverse(INDEX))
    with django_assert_max_num_queries(40):
        assert staff_client.get(reverse(INDEX)).status_code == 200


def test_staff_cannot_type_in_volunteers_without_consent(staff_client):
    response = staff_client.get(reverse("volunteering_volunteer_modeladmin_create"))
    assert response.status_code in (302, 403)


class TestMatching:
    def test_reasons_and_age(self, offer_index, areas, skills, people):
        seniors_offer = VolunteerOfferPageFactory(
            parent=offer_index,
            title="Czytanie seniorom",
            areas=[areas["seniorzy"]],
            skills=[skills["komputer"]],
            district="belk",
            min_age=18,
        )
        eco_offer = VolunteerOfferPageFactory(
            parent=offer_index,
            title="Sadzenie drzew",
            areas=[areas["ekologia"]],
            district="palowice",
            min_age=16,
        )
        matches = services.suggest_matches()
        pairs = {(m.volunteer.last_name, m.offer.title): m for m in matches}
        assert set(pairs) == {("Dorosła", "Czytanie seniorom"), ("Seniorka", "Czytanie seniorom")}
        best = pairs[("Dorosła", "Czytanie seniorom")]
        assert best.reasons[:3] == [
            "wspólne zainteresowania: Seniorzy",
            "umiejętności: Obsługa komputera",
            "ta sama dzielnica: Bełk",
        ]
        assert best.score == 6 and matches[0] is best
        # Tomek (15) shares "Ekologia" but the tree-planting offer starts at 16: no suggestion.
        assert ("Nastolatek", "Sadzenie drzew") not in pairs
        eco_offer.min_age = 13
        eco_offer.save_revision().publish()
        pairs = {(m.volunteer.last_name, m.offer.title): m for m in services.suggest_matches()}
        assert pairs[("Nastolatek", "Sadzenie drzew")].reasons == [
            "wspólne zainteresowania: Ekologia",
            "wiek 15 lat (oferta od 13 lat)",
        ]
        assert seniors_offer  # used above

    def test_pending_volunteers_and_closed_offers_are_not_matched(self, offer_index, areas, people):
        VolunteerOfferPageFactory(
            parent=offer_index, title="Zamknięta", areas=[areas["seniorzy"]], accepting_applications=False
        )
        assert services.suggest_matches() == []

    def test_matches_page_shows_reasons(
        self, staff_client, offer_index, areas, people, django_assert_max_num_queries
    ):
        VolunteerOfferPageFactory(
            parent=offer_index, title="Czytanie seniorom", areas=[areas["seniorzy"]], min_age=18
        )
        with django_assert_max_num_queries(27):  # with the offer chooser (its list, restrictions)
            html = staff_client.get(reverse("volunteering_matches")).content.decode()
        assert "Czytanie seniorom" in html and "wspólne zainteresowania: Seniorzy" in html


class TestGdpr:
    def test_export_is_complete_json_and_logged(self, staff_client, staff_user, people, offer_index):
        teen = people["teen"]
        ConsentRecord.objects.create(
            volunteer=teen, role="guardian", text_version="2026-11", text="Zgoda opiekuna"
        )
        offer = VolunteerOfferPageFactory(parent=offer_index, title="Festyn")
        application = OfferApplicationFactory(
            offer=offer, volunteer=teen, name="Tomek Nastolatek", email=teen.email
        )
        HoursEntry.objects.create(application=application, hours=3, date=datetime.date(2026, 11, 1))
        response = staff_client.get(reverse("volunteering_export_json", args=[teen.pk]))
        assert response["Content-Type"].startswith("application/json")
        data = json.loads(response.content)
        assert data["nazwisko"] == "Nastolatek" and data["opiekun"]["email"] == "jan.n@example.org"
        assert data["zgody"][0]["wersja"] == "2026-11"
        assert data["zgloszenia_do_ofert"][0]["oferta"] == "Festyn"
        assert data["zgloszenia_do_ofert"][0]["godziny"][0]["godzin"] == "3.0"
        entry = GdprAuditEntry.objects.get(action="export")
        assert entry.volunteer_id_ref == teen.pk and entry.user == staff_user
        assert "Nastolatek" not in str(entry) and "Nastolatek" not in entry.note

    def test_erase_really_removes_the_data(self, staff_client, staff_user, people, offer_index):
        teen = people["teen"]
        ConsentRecord.objects.create(volunteer=teen, role="guardian", text_version="1", text="Zgoda")
        offer = VolunteerOfferPageFactory(parent=offer_index)
        application = OfferApplicationFactory(
            offer=offer, name="Tomek Nastolatek", email=teen.email, message="Chcę pomagać"
        )
        HoursEntry.objects.create(application=application, hours=2)
        # A staff edit first: Wagtail's admin log now holds the person's name as its label.
        staff_client.post(
            reverse("volunteering_volunteer_modeladmin_edit", args=[teen.pk]),
            {
                "status": "active",
                "first_name": "Tomek",
                "last_name": "Nastolatek",
                "email": teen.email,
                "district": "czuchow",
            },
        )
        from wagtail.models import ModelLogEntry

        assert ModelLogEntry.objects.filter(label__contains="Nastolatek").exists()
        url = reverse("volunteering_erase", args=[teen.pk])
        assert "Nastolatek" in staff_client.get(url).content.decode()  # confirmation first
        staff_client.post(url, {"reason": "żądanie osoby"})
        teen.refresh_from_db()
        application.refresh_from_db()
        assert teen.status == Volunteer.Status.ANONYMISED
        for value in (
            teen.first_name,
            teen.last_name,
            teen.email,
            teen.phone,
            teen.guardian_name,
            teen.guardian_email,
            teen.experience,
        ):
            assert "Nastolatek" not in value and "Tomek" not in value and "@example.org" not in value
        assert teen.date_of_birth.month == 1 and teen.date_of_birth.day == 1  # only the year stays
        assert teen.consents.get().text == "" and teen.consents.get().withdrawn_at
        assert (
            "Tomek" not in application.name
            and application.message == ""
            and "example.org" not in application.email
        )
        assert application.hours.count() == 1  # hours stay for statistics
        assert not ModelLogEntry.objects.filter(label__contains="Nastolatek").exists()
        assert not ModelLogEntry.objects.filter(label__contains="Tomek").exists()
        entry = GdprAuditEntry.objects.get(action="erase")
        assert entry.user == staff_user and entry.note == "żądanie osoby"
        # Gone from the registry's search and export too.
        html = staff_client.get(reverse(INDEX), {"q": "Nastolatek"}).content.decode()
        assert "jan.n@example.org" not in html
        csv = staff_client.get(reverse(INDEX), {"export": "csv"})
        body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
        assert "Nastolatek" not in body

    def test_gdpr_actions_are_staff_only(self, client, people, ngo_a):
        _profile, editor = ngo_a
        client.force_login(editor)
        for name in ("volunteering_export_json", "volunteering_erase"):
            response = client.post(reverse(name, args=[people["adult"].pk]))
            assert response.status_code in (302, 403)
            assert "Dorosła" not in response.content.decode()
        assert Volunteer.objects.get(pk=people["adult"].pk).status == Volunteer.Status.ACTIVE
        assert not GdprAuditEntry.objects.exists()

    @override_settings(
        VOLUNTEERING_UNCONFIRMED_DAYS=7, VOLUNTEERING_RETENTION_DAYS=365, VOLUNTEERING_WITHDRAWN_GRACE_DAYS=30
    )
    def test_purge_command(self, people, offer_index):
        now = timezone.now()
        old_pending = VolunteerFactory(
            last_name="StaryNiepotwierdzony", status=Volunteer.Status.PENDING, email_confirmed_at=None
        )
        old_active = VolunteerFactory(last_name="BardzoStary")
        withdrawn = VolunteerFactory(
            last_name="Wycofany",
            status=Volunteer.Status.WITHDRAWN,
            withdrawn_at=now - datetime.timedelta(days=31),
        )
        recent_withdrawn = VolunteerFactory(
            last_name="ŚwieżoWycofany",
            status=Volunteer.Status.WITHDRAWN,
            withdrawn_at=now - datetime.timedelta(days=2),
        )
        Volunteer.objects.filter(pk=old_pending.pk).update(created_at=now - datetime.timedelta(days=8))
        Volunteer.objects.filter(pk=old_active.pk).update(created_at=now - datetime.timedelta(days=400))
        offer = VolunteerOfferPageFactory(parent=offer_index)
        old_app = OfferApplicationFactory(offer=offer, name="Dawny Zgłaszający")
        OfferApplication.objects.filter(pk=old_app.pk).update(created_at=now - datetime.timedelta(days=400))
        fresh_app = OfferApplicationFactory(offer=offer, name="Nowy Zgłaszający")

        out = io.StringIO()
        call_command("purge_volunteer_data", "--dry-run", stdout=out)
        assert "niepotwierdzone zapisy 1" in out.getvalue()
        assert Volunteer.objects.filter(pk=old_pending.pk).exists()

        call_command("purge_volunteer_data", stdout=io.StringIO())
        assert not Volunteer.objects.filter(pk=old_pending.pk).exists()
        assert people["pending"].pk in Volunteer.objects.values_list("pk", flat=True)  # recent: kept
        for volunteer in (old_active, withdrawn):
            volunteer.refresh_from_db()
            assert volunteer.status == Volunteer.Status.ANONYMISED and volunteer.email == ""
            assert volunteer.last_name == ""
        recent_withdrawn.refresh_from_db()
        assert recent_withdrawn.last_name == "ŚwieżoWycofany"
        people["adult"].refresh_from_db()
        assert people["adult"].last_name == "Dorosła"
        old_app.refresh_from_db()
        fresh_app.refresh_from_db()
        assert old_app.name != "Dawny Zgłaszający" and fresh_app.name == "Nowy Zgłaszający"
        assert GdprAuditEntry.objects.filter(action="purge").count() == 3
        assert not Volunteer.objects.filter(
            last_name__in=["StaryNiepotwierdzony", "BardzoStary", "Wycofany"]
        ).exists()


def test_staff_cannot_activate_a_minor_without_guardian_consent(staff_client, areas):
    minor = VolunteerFactory(
        last_name="BezZgody",
        status=Volunteer.Status.PENDING,
        date_of_birth=born_years_ago(14),
        signer=Volunteer.Signer.SELF_WITH_GUARDIAN,
        guardian_name="Opiekun",
        guardian_email="op@example.org",
    )
    url = reverse("volunteering_volunteer_modeladmin_edit", args=[minor.pk])
    response = staff_client.post(
        url,
        {
            "status": "active",
            "first_name": minor.first_name,
            "last_name": minor.last_name,
            "email": minor.email,
            "district": minor.district,
        },
    )
    assert response.status_code == 200
    assert "brak potwierdzenia adresu e-mail lub zgody opiekuna" in response.content.decode()
    minor.refresh_from_db()
    assert minor.status == Volunteer.Status.PENDING


def test_database_refuses_active_minor_without_guardian_consent(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerFactory(
            status=Volunteer.Status.ACTIVE,
            signer=Volunteer.Signer.SELF_WITH_GUARDIAN,
            guardian_name="Opiekun",
            guardian_email="op@example.org",
            guardian_confirmed_at=None,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerFactory(status=Volunteer.Status.ACTIVE, email_confirmed_at=None)


def test_purge_periods_can_be_given_to_the_command(db):
    from django.core.management.base import CommandError

    now = timezone.now()
    five_days_old = VolunteerFactory(
        last_name="PięćDni", status=Volunteer.Status.PENDING, email_confirmed_at=None
    )
    two_years_old = VolunteerFactory(last_name="DwaLata")
    Volunteer.objects.filter(pk=five_days_old.pk).update(created_at=now - datetime.timedelta(days=5))
    Volunteer.objects.filter(pk=two_years_old.pk).update(created_at=now - datetime.timedelta(days=730))
    # The defaults (14 days, 3 years) keep both.
    call_command("purge_volunteer_data", stdout=io.StringIO())
    assert Volunteer.objects.filter(last_name__in=["PięćDni", "DwaLata"]).count() == 2
    out = io.StringIO()
    call_command("purge_volunteer_data", "--unconfirmed-days=3", "--retention-days=365", stdout=out)
    assert "niepotwierdzone zapisy 1" in out.getvalue()
    assert not Volunteer.objects.filter(pk=five_days_old.pk).exists()
    two_years_old.refresh_from_db()
    assert two_years_old.status == Volunteer.Status.ANONYMISED and two_years_old.last_name == ""
    for bad in ("0", "abc"):
        with pytest.raises(CommandError):
            call_command("purge_volunteer_data", f"--retention-days={bad}", stdout=io.StringIO())


def test_matches_for_one_offer(staff_client, offer_index, areas, skills, people):
    reading = VolunteerOfferPageFactory(
        parent=offer_index, title="Czytanie seniorom", areas=[areas["seniorzy"]], min_age=18
    )
    VolunteerOfferPageFactory(parent=offer_index, title="Komputer dla seniora", skills=[skills["komputer"]])
    everything = staff_client.get(reverse("volunteering_matches")).content.decode()
    assert "<td>Czytanie seniorom</td>" in everything and "<td>Komputer dla seniora</td>" in everything
    one = staff_client.get(reverse("volunteering_matches"), {"oferta": reading.pk}).content.decode()
    assert "<td>Czytanie seniorom</td>" in one and "<td>Komputer dla seniora</td>" not in one
    assert f'<option value="{reading.pk}" selected>' in one
    # Anything else in the address shows every offer, never an error.
    assert staff_client.get(reverse("volunteering_matches"), {"oferta": "abc"}).status_code == 200
